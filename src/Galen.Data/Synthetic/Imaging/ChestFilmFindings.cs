using Galen.Data.Synthetic.Catalog;
using Galen.Data.Synthetic.Model;

namespace Galen.Data.Synthetic.Imaging;

/// <summary>
/// Ties films to the synthetic hospital's patients: the admission chest film of a patient
/// admitted with pneumonia shows a consolidation, one admitted with acute-on-chronic heart
/// failure shows oedema, and every other admission a normal film.
/// </summary>
public static class ChestFilmFindings
{
    /// <summary>The finding an admission film shows, from the admission's reason.</summary>
    public static ChestFilmFinding For(AdmissionReason reason) => reason switch
    {
        AdmissionReason.Pneumonia => ChestFilmFinding.Pneumonia,
        AdmissionReason.HeartFailureExacerbation => ChestFilmFinding.Oedema,
        _ => ChestFilmFinding.Normal,
    };

    /// <summary>The finding of <paramref name="admission"/>'s admission film.</summary>
    public static ChestFilmFinding For(SyntheticAdmission admission)
    {
        ArgumentNullException.ThrowIfNull(admission);
        return For(admission.Reason);
    }

    /// <summary>The label name of a finding as written to <c>labels.csv</c>: <c>normal</c>, <c>pneumonia</c>, <c>oedema</c>.</summary>
    public static string Name(ChestFilmFinding finding) => finding switch
    {
        ChestFilmFinding.Normal => "normal",
        ChestFilmFinding.Pneumonia => "pneumonia",
        ChestFilmFinding.Oedema => "oedema",
        _ => throw new ArgumentOutOfRangeException(nameof(finding), finding, "Unknown finding."),
    };

    /// <summary>Every finding's label name, in the order of <see cref="ChestFilmFinding"/> (the class index).</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<ChestFilmFinding>().Select(Name)];
}
