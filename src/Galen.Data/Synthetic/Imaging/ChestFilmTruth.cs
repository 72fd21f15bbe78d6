namespace Galen.Data.Synthetic.Imaging;

/// <summary>
/// Every drawn parameter of one film, kept as ground truth: acquisition (exposure, noise,
/// patient position), anatomy, and the lesion. Lesion fields are null for a normal film.
/// </summary>
/// <param name="Gain">Contrast gain of the exposure (1 = nominal).</param>
/// <param name="Gamma">Display gamma of the exposure (1 = linear).</param>
/// <param name="NoiseSd">Standard deviation of the added Gaussian noise, in intensity units.</param>
/// <param name="ShiftX">Patient shift, fraction of the width (positive = towards the image's right).</param>
/// <param name="ShiftY">Patient shift, fraction of the height (positive = down).</param>
/// <param name="RotationDegrees">Patient rotation in the image plane.</param>
/// <param name="HeartScale">Heart size relative to the nominal heart.</param>
/// <param name="LesionContrast">Peak opacity the lesion adds, in intensity units before exposure.</param>
/// <param name="LesionRadius">Pneumonia: blob radius; oedema: haze width; as a fraction of the film's size.</param>
/// <param name="LesionSide">Pneumonia: "right" or "left" lung (the patient's side; the patient's right is on the image's left); oedema: "both".</param>
/// <param name="LesionCentreX">Pneumonia: blob centre column in pixels; oedema: midpoint of the hila.</param>
/// <param name="LesionCentreY">Pneumonia: blob centre row in pixels; oedema: height of the hila.</param>
public sealed record ChestFilmTruth(
    double Gain,
    double Gamma,
    double NoiseSd,
    double ShiftX,
    double ShiftY,
    double RotationDegrees,
    double HeartScale,
    double? LesionContrast,
    double? LesionRadius,
    string? LesionSide,
    double? LesionCentreX,
    double? LesionCentreY);
