using Galen.Core.Learning.Sequences;
using Galen.Data.Timeline;

namespace Galen.Data.Tasks;

/// <summary>
/// Turns one sample of one patient into its feature row, visit code sets and time series, using
/// only what is known at the sample's index time. One instance per thread.
/// </summary>
internal sealed class SampleFeatures(FeatureSchema schema, FeatureOptions options)
{
    private readonly double[] _sum = new double[schema.MeasurementConcepts.Length];
    private readonly double[] _min = new double[schema.MeasurementConcepts.Length];
    private readonly double[] _max = new double[schema.MeasurementConcepts.Length];
    private readonly double[] _last = new double[schema.MeasurementConcepts.Length];
    private readonly int[] _count = new int[schema.MeasurementConcepts.Length];
    private readonly double[] _sumT = new double[schema.MeasurementConcepts.Length];
    private readonly double[] _sumTT = new double[schema.MeasurementConcepts.Length];
    private readonly double[] _sumTY = new double[schema.MeasurementConcepts.Length];
    private readonly HashSet<int> _seen = [];

    /// <summary>Age over 89 is shown as 90, as Safe Harbor asks.</summary>
    public const double AgeCap = 90;

    /// <summary>When a diagnosis is known: its visit's end when coded at discharge, else when recorded.</summary>
    public DateTime KnownAt(Patient patient, ConditionEvent condition) =>
        options.DiagnosesKnownAtDischarge && condition.Visit >= 0 ? patient.Visits[condition.Visit].End : condition.KnownAt;

    public void Tabular(Patient patient, TaskSample sample, Span<float> row)
    {
        row.Fill(float.NaN);
        var index = sample.IndexTime;
        if (patient.AgeAt(index) is { } age)
        {
            row[0] = (float)Math.Min(age, AgeCap);
        }

        row[1] = patient.Sex switch { Sex.Female => 1, Sex.Male => 0, _ => float.NaN };

        var visits = patient.Visits;
        int prior = 0;
        DateTime? lastDischarge = null;
        for (int v = 0; v < visits.Length; v++)
        {
            if (v != sample.CurrentVisit && visits[v].IsInpatient && visits[v].End <= index)
            {
                prior++;
                if (lastDischarge is not { } d || visits[v].End > d)
                {
                    lastDischarge = visits[v].End;
                }
            }
        }

        row[2] = prior;
        if (lastDischarge is { } discharge)
        {
            row[3] = (float)(index - discharge).TotalDays;
        }

        // Admissions begun in the year before this one (or before the index time without one).
        var anchor = sample.CurrentVisit >= 0 ? visits[sample.CurrentVisit].Start : index;
        int lastYear = 0;
        for (int v = 0; v < visits.Length; v++)
        {
            if (v != sample.CurrentVisit && visits[v].IsInpatient && visits[v].Start < anchor && visits[v].Start >= anchor.AddDays(-365))
            {
                lastYear++;
            }
        }

        row[9] = lastYear;
        if (sample.CurrentVisit >= 0)
        {
            var current = visits[sample.CurrentVisit];
            row[4] = (float)(index - current.Start).TotalHours;
            if (current.AdmissionType is { Length: > 0 } type)
            {
                row[10] = type.Contains("ELECTIVE", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
            }
        }

        _seen.Clear();
        foreach (var condition in patient.Conditions)
        {
            if (KnownAt(patient, condition) <= index && _seen.Add(condition.ConceptId) && schema.DiagnosisColumnByConcept[condition.ConceptId] is int column and >= 0)
            {
                row[schema.DiagnosisOffset + column] = 1;
            }
        }

        row[5] = _seen.Count;
        for (int d = 0; d < schema.DiagnosisKeys.Count; d++)
        {
            if (float.IsNaN(row[schema.DiagnosisOffset + d]))
            {
                row[schema.DiagnosisOffset + d] = 0;
            }
        }

        row.Slice(schema.DrugOffset, schema.DrugKeys.Count + schema.ProcedureKeys.Count).Clear();
        int procedures = 0;
        foreach (var procedure in patient.Procedures)
        {
            if (procedure.KnownAt >= sample.WindowStart && procedure.KnownAt <= index)
            {
                procedures++;
                if (schema.ProcedureColumnByConcept[procedure.ConceptId] is int column and >= 0)
                {
                    row[schema.ProcedureOffset + column] = 1;
                }
            }
        }

        row[6] = procedures;
        int drugs = 0;
        foreach (var drug in patient.Drugs)
        {
            if (drug.Start >= sample.WindowStart && drug.Start <= index && !(sample.ExcludeCurrentVisitDrugs && drug.Visit == sample.CurrentVisit))
            {
                drugs++;
                if (schema.DrugColumnByConcept[drug.AtcConceptId > 0 ? drug.AtcConceptId : drug.ConceptId] is int column and >= 0)
                {
                    row[schema.DrugOffset + column] = 1;
                }
            }
        }

        row[7] = drugs;
        var window = patient.MeasurementsBetween(sample.WindowStart, index);
        row[8] = window.Length;
        Aggregate(window, sample.WindowStart, row[schema.MeasurementOffset..]);
    }

    public List<VisitCodes> Visits(Patient patient, TaskSample sample)
    {
        var index = sample.IndexTime;
        var visits = patient.Visits;
        var result = new List<VisitCodes>();
        for (int v = 0; v < visits.Length && visits[v].Start <= index; v++)
        {
            var conditions = new SortedSet<string>(StringComparer.Ordinal);
            var procedures = new SortedSet<string>(StringComparer.Ordinal);
            var drugs = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var condition in patient.Conditions)
            {
                if (condition.Visit == v && KnownAt(patient, condition) <= index)
                {
                    conditions.Add(patient.Codes.Key(condition.ConceptId));
                }
            }

            foreach (var procedure in patient.Procedures)
            {
                if (procedure.Visit == v && procedure.KnownAt <= index)
                {
                    procedures.Add(patient.Codes.Key(procedure.ConceptId));
                }
            }

            if (!(sample.ExcludeCurrentVisitDrugs && v == sample.CurrentVisit))
            {
                foreach (var drug in patient.Drugs)
                {
                    if (drug.Visit == v && drug.Start <= index)
                    {
                        drugs.Add(patient.Codes.Key(drug.AtcConceptId > 0 ? drug.AtcConceptId : drug.ConceptId));
                    }
                }
            }

            if (conditions.Count + procedures.Count + drugs.Count > 0)
            {
                result.Add(new VisitCodes((index - visits[v].Start).TotalHours, [conditions.ToArray(), procedures.ToArray(), drugs.ToArray()]));
            }
        }

        return result;
    }

    /// <summary>Last value per step and channel over the hours before the index time; mask 1 where observed.</summary>
    public void TimeSeries(Patient patient, TaskSample sample, Span<float> values, Span<float> mask)
    {
        values.Fill(float.NaN);
        mask.Clear();
        int channels = schema.MeasurementConcepts.Length;
        int steps = values.Length / Math.Max(1, channels);
        var start = sample.IndexTime.AddHours(-options.TimeSeriesHours);
        foreach (var m in patient.MeasurementsBetween(start, sample.IndexTime))
        {
            if (double.IsNaN(m.Value) || !schema.MeasurementColumn.TryGetValue(m.ConceptId, out int channel))
            {
                continue;
            }

            int step = Math.Min(steps - 1, (int)((m.Time - start).TotalHours / options.TimeSeriesStepHours));
            values[(step * channels) + channel] = (float)m.Value;
            mask[(step * channels) + channel] = 1;
        }
    }

    private void Aggregate(ReadOnlySpan<MeasurementEvent> window, DateTime origin, Span<float> columns)
    {
        Array.Clear(_sum);
        Array.Clear(_count);
        Array.Clear(_sumT);
        Array.Clear(_sumTT);
        Array.Clear(_sumTY);
        Array.Fill(_min, double.PositiveInfinity);
        Array.Fill(_max, double.NegativeInfinity);
        foreach (var m in window)
        {
            if (double.IsNaN(m.Value) || !schema.MeasurementColumn.TryGetValue(m.ConceptId, out int c))
            {
                continue;
            }

            double t = (m.Time - origin).TotalDays;
            _count[c]++;
            _sum[c] += m.Value;
            _min[c] = Math.Min(_min[c], m.Value);
            _max[c] = Math.Max(_max[c], m.Value);
            _last[c] = m.Value;
            _sumT[c] += t;
            _sumTT[c] += t * t;
            _sumTY[c] += t * m.Value;
        }

        for (int c = 0; c < _count.Length; c++)
        {
            var cell = columns.Slice(c * FeatureSchema.PerMeasurement, FeatureSchema.PerMeasurement);
            int n = _count[c];
            cell[5] = n;
            if (n == 0)
            {
                continue;
            }

            cell[0] = (float)_last[c];
            cell[1] = (float)(_sum[c] / n);
            cell[2] = (float)_min[c];
            cell[3] = (float)_max[c];
            double spread = (n * _sumTT[c]) - (_sumT[c] * _sumT[c]);
            if (n >= 2 && spread > 1e-12)
            {
                cell[4] = (float)(((n * _sumTY[c]) - (_sumT[c] * _sum[c])) / spread);
            }
        }
    }
}
