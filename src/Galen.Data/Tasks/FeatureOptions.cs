using System.Globalization;

namespace Galen.Data.Tasks;

/// <summary>How samples are turned into features. Part of the task cache key.</summary>
public sealed record FeatureOptions
{
    /// <summary>
    /// Lab and vital codes given aggregate columns, as "system:code" keys. When null, the
    /// <see cref="MaxMeasurementCodes"/> codes measured in the most patients are used (a count of
    /// codes over the store, not of labels or values).
    /// </summary>
    public IReadOnlyList<string>? MeasurementCodes { get; init; }

    /// <summary>How many measurement codes get columns when <see cref="MeasurementCodes"/> is null.</summary>
    public int MaxMeasurementCodes { get; init; } = 30;

    /// <summary>How many diagnosis categories get a "known by index time" flag column (most patients first).</summary>
    public int MaxDiagnosisCategories { get; init; } = 50;

    /// <summary>
    /// Diagnosis categories given a flag column, as "system:category" keys (e.g. "ICD10CM:I50").
    /// When null, the <see cref="MaxDiagnosisCategories"/> categories coded in the most patients.
    /// </summary>
    public IReadOnlyList<string>? DiagnosisCategories { get; init; }

    /// <summary>How many drug codes get a "started in the window" flag column when <see cref="DrugCodes"/> is null.</summary>
    public int MaxDrugCodes { get; init; } = 60;

    /// <summary>
    /// Drug codes given a flag column, as "system:code" keys (the ATC code when the source gives
    /// one, e.g. "ATC:A10BA02"). When null, the <see cref="MaxDrugCodes"/> given to the most patients.
    /// </summary>
    public IReadOnlyList<string>? DrugCodes { get; init; }

    /// <summary>How many procedure codes get a "done in the window" flag column when <see cref="ProcedureCodes"/> is null.</summary>
    public int MaxProcedureCodes { get; init; } = 30;

    /// <summary>Procedure codes given a flag column, as "system:code" keys. When null, the <see cref="MaxProcedureCodes"/> done in the most patients.</summary>
    public IReadOnlyList<string>? ProcedureCodes { get; init; }

    /// <summary>
    /// Diagnoses are known only when their visit ends (hospitals code them at discharge), even if
    /// the source dates them earlier. Keeps discharge diagnoses out of early predictions.
    /// </summary>
    public bool DiagnosesKnownAtDischarge { get; init; } = true;

    /// <summary>Hours of time series before the index time.</summary>
    public double TimeSeriesHours { get; init; } = 48;

    /// <summary>Width of one time-series step in hours.</summary>
    public double TimeSeriesStepHours { get; init; } = 1;

    /// <summary>The shapes to build.</summary>
    public TaskShapes Shapes { get; init; } = TaskShapes.Tabular | TaskShapes.Visits;

    /// <summary>Canonical text of every option (cache keys).</summary>
    public string CacheText() => string.Create(CultureInfo.InvariantCulture,
        $"codes={List(MeasurementCodes)};max_codes={MaxMeasurementCodes};dx={List(DiagnosisCategories)};max_dx={MaxDiagnosisCategories};drugs={List(DrugCodes)};max_drugs={MaxDrugCodes};procedures={List(ProcedureCodes)};max_procedures={MaxProcedureCodes};dx_at_discharge={DiagnosesKnownAtDischarge};ts_hours={TimeSeriesHours};ts_step={TimeSeriesStepHours};shapes={(int)Shapes}");

    private static string List(IReadOnlyList<string>? keys) => keys is null ? "auto" : string.Join(',', keys);
}
