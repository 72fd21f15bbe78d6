using Galen.Data.Synthetic.Catalog;

namespace Galen.Data.Synthetic.Model;

/// <summary>
/// One laboratory result or vital sign. <see cref="Value"/> is already rounded to the decimals
/// it is written with. A censored result is below the detection limit: the files write
/// "&lt;limit" as text and leave the numeric value empty.
/// </summary>
public readonly record struct Measurement(Analyte Analyte, DateTime Time, double Value, bool IsCensored = false);
