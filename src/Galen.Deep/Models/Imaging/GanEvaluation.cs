namespace Galen.Deep.Models.Imaging;

/// <summary>How a conditional GAN does on one class.</summary>
/// <param name="ClassName">The class.</param>
/// <param name="Generated">Images generated for it.</param>
/// <param name="GeneratedAgreement">Share of them the classifier assigns to this class.</param>
/// <param name="RealAgreement">Share of real images of this class the classifier gets right (the ceiling to compare with).</param>
/// <param name="GeneratedDiversity">Mean pairwise RMS pixel distance between generated images of the class.</param>
/// <param name="RealDiversity">The same between real images of the class.</param>
public sealed record GanClassResult(string ClassName, int Generated, double GeneratedAgreement, double RealAgreement, double GeneratedDiversity, double RealDiversity);

/// <summary>
/// A conditional GAN judged by a trained classifier and by sample diversity: does the
/// classifier see the intended class in generated images (as often as in real ones)? Do
/// generated images, drawn in the training proportions, get predicted in those proportions? Are
/// generated images of a class as different from each other as real ones (a ratio well below 1
/// means mode collapse)?
/// </summary>
/// <param name="Classes">Per class.</param>
/// <param name="GeneratedAgreement">Mean over classes of <see cref="GanClassResult.GeneratedAgreement"/>.</param>
/// <param name="RealAgreement">Mean over classes of <see cref="GanClassResult.RealAgreement"/>.</param>
/// <param name="TrainingShares">Share of each class among the GAN's training images.</param>
/// <param name="PredictedShares">Share of each class the classifier predicts for images generated in the training proportions.</param>
/// <param name="ShareDistance">Total variation distance between those two distributions (0 = identical, 1 = disjoint).</param>
/// <param name="DiversityRatio">Mean over classes of generated / real diversity.</param>
/// <param name="Seed">Seed of the generated images.</param>
public sealed record GanEvaluation(
    IReadOnlyList<GanClassResult> Classes,
    double GeneratedAgreement,
    double RealAgreement,
    IReadOnlyList<double> TrainingShares,
    IReadOnlyList<double> PredictedShares,
    double ShareDistance,
    double DiversityRatio,
    int Seed);
