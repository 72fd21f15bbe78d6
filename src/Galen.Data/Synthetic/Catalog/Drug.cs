using Galen.Core.Clinical;

namespace Galen.Data.Synthetic.Catalog;

/// <summary>
/// A drug the synthetic hospital prescribes: its generic name, ATC code, RxNorm ingredient
/// code where one exists (single-ingredient drugs), and the usual dose.
/// </summary>
/// <param name="Key">Short stable key used by the generator's tables.</param>
/// <param name="Name">Generic name as written in PRESCRIPTIONS.DRUG.</param>
/// <param name="Atc">WHO ATC code (level 5).</param>
/// <param name="RxNorm">RxNorm ingredient RXCUI, or null (combination products).</param>
/// <param name="Dose">Usual single dose.</param>
/// <param name="DoseUnit">Unit of <paramref name="Dose"/>.</param>
/// <param name="Route">PO, IV, SC, INH, SL.</param>
/// <param name="Frequency">How notes write the schedule ("daily", "BID", "q8h", "PRN").</param>
public sealed record Drug(string Key, string Name, string Atc, string? RxNorm, double Dose, string DoseUnit, string Route, string Frequency)
{
    public ClinicalCode AtcCode => new(CodeSystems.Atc, Atc, Name);

    public ClinicalCode? RxNormCode => RxNorm is null ? null : new ClinicalCode(CodeSystems.RxNorm, RxNorm, Name);
}
