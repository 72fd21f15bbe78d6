using System.Globalization;
using Galen.Core.Clinical;
using Galen.Core.Learning;
using Galen.Data.Timeline;

namespace Galen.Data.Tasks;

/// <summary>
/// Disease progression (regression): the next value of a lab. One sample per numeric measurement
/// m of a target LOINC code that has a later numeric measurement of a target code between
/// <see cref="MinGapDays"/> and <see cref="MaxGapDays"/> days after it (inclusive); the label is
/// the first such later value, in the code's canonical unit. Index time: m's time; features from
/// the <see cref="LookbackDays"/> days up to and including m.
/// </summary>
public sealed class DiseaseProgressionTask : IClinicalTask
{
    private HashSet<int> _concepts = [];

    public DiseaseProgressionTask(string target, IReadOnlyList<string> loincCodes, string unit, double minGapDays = 30, double maxGapDays = 365, double lookbackDays = 365)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        ArgumentNullException.ThrowIfNull(loincCodes);
        if (loincCodes.Count == 0 || minGapDays < 0 || maxGapDays < minGapDays || lookbackDays < 0)
        {
            throw new ArgumentException("Progression needs target codes and 0 ≤ min gap ≤ max gap, lookback ≥ 0.");
        }

        Target = target;
        LoincCodes = loincCodes;
        Unit = unit;
        MinGapDays = minGapDays;
        MaxGapDays = maxGapDays;
        LookbackDays = lookbackDays;
    }

    public string Target { get; }

    public IReadOnlyList<string> LoincCodes { get; }

    public string Unit { get; }

    public double MinGapDays { get; }

    public double MaxGapDays { get; }

    public double LookbackDays { get; }

    public string Name => "progression_" + Target;

    public string Parameters => string.Create(CultureInfo.InvariantCulture,
        $"codes={string.Join(',', LoincCodes)};min_gap_days={MinGapDays};max_gap_days={MaxGapDays};lookback_days={LookbackDays}");

    public string Definition => string.Create(CultureInfo.InvariantCulture,
        $"One sample per {Target} result (LOINC {string.Join(", ", LoincCodes)}) followed by another {MinGapDays}–{MaxGapDays} days later; label: the first such later value in {Unit}. Predicted at the earlier result from the {LookbackDays} days before it.");

    /// <summary>Next HbA1c (%), LOINC 4548-4 and 17856-6.</summary>
    public static DiseaseProgressionTask HbA1c(double minGapDays = 30, double maxGapDays = 365) =>
        new("hba1c", ["4548-4", "17856-6"], "%", minGapDays, maxGapDays);

    /// <summary>Next eGFR (mL/min/1.73 m²): LOINC 33914-3, 62238-1, 48642-3, 48643-1, 50044-7, 77147-7, 98979-8.</summary>
    public static DiseaseProgressionTask Egfr(double minGapDays = 30, double maxGapDays = 365) =>
        new("egfr", ["33914-3", "62238-1", "48642-3", "48643-1", "50044-7", "77147-7", "98979-8"], "mL/min/1.73m2", minGapDays, maxGapDays);

    public LabelSchema Prepare(TaskPreparation preparation)
    {
        ArgumentNullException.ThrowIfNull(preparation);
        _concepts = [.. preparation.Codes.Find(CodeSystems.Loinc, LoincCodes)];
        return LabelSchema.Regression(Name, $"next {Target}", Unit);
    }

    public IEnumerable<TaskSample> Samples(Patient patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var values = new List<MeasurementEvent>();
        foreach (var m in patient.Measurements)
        {
            if (_concepts.Contains(m.ConceptId) && !double.IsNaN(m.Value))
            {
                values.Add(m);
            }
        }

        int k = 0;
        for (int i = 0; i < values.Count; i++)
        {
            var earliest = values[i].Time.AddDays(MinGapDays);
            var latest = values[i].Time.AddDays(MaxGapDays);
            for (int j = i + 1; j < values.Count; j++)
            {
                if (values[j].Time >= earliest && values[j].Time <= latest)
                {
                    yield return new TaskSample(
                        string.Create(CultureInfo.InvariantCulture, $"{patient.Key}-{Target}-{k++}"),
                        values[i].Time,
                        values[i].Time.AddDays(-LookbackDays),
                        values[i].Visit,
                        [(float)values[j].Value]);
                    break;
                }

                if (values[j].Time > latest)
                {
                    break;
                }
            }
        }
    }
}
