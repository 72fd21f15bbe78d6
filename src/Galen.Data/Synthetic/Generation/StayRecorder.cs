using Galen.Data.Synthetic.Catalog;
using Galen.Data.Synthetic.Model;
using static Galen.Data.Synthetic.Catalog.Analyte;

namespace Galen.Data.Synthetic.Generation;

/// <summary>
/// Collects an admission's vital signs and lab results as they are charted, at minute
/// resolution, and computes the aggregates the outcome model reads from them.
/// </summary>
internal sealed class StayRecorder(DateTime admit)
{
    private static readonly Comparison<Measurement> ByTimeThenAnalyte = (a, b) =>
    {
        int byTime = a.Time.CompareTo(b.Time);
        return byTime != 0 ? byTime : a.Analyte.CompareTo(b.Analyte);
    };

    private readonly List<Measurement> _labs = new(128);
    private readonly List<Measurement> _vitals = new(256);

    public DateTime Admit { get; } = admit;

    public IReadOnlyList<Measurement> Labs => _labs;

    public IReadOnlyList<Measurement> Vitals => _vitals;

    public void Vital(Analyte analyte, double hours, double value) => _vitals.Add(new Measurement(analyte, At(hours), value));

    public double Lab(Analyte analyte, double hours, double value)
    {
        _labs.Add(new Measurement(analyte, At(hours), value));
        return value;
    }

    public void CensoredLab(Analyte analyte, double hours, double limit) => _labs.Add(new Measurement(analyte, At(hours), limit, IsCensored: true));

    /// <summary>Orders both lists by time, then analyte (the sort is deterministic for the same input).</summary>
    public void Sort()
    {
        _labs.Sort(ByTimeThenAnalyte);
        _vitals.Sort(ByTimeThenAnalyte);
    }

    /// <summary>The last uncensored value of an analyte charted so far, or null.</summary>
    public double? Last(Analyte analyte)
    {
        var list = AnalyteCatalog.Get(analyte).IsVitalSign ? _vitals : _labs;
        double? last = null;
        DateTime when = DateTime.MinValue;
        foreach (var m in list)
        {
            if (m.Analyte == analyte && !m.IsCensored && m.Time >= when)
            {
                last = m.Value;
                when = m.Time;
            }
        }

        return last;
    }

    /// <summary>Minimum over results charted in [admit, admit + hours), or null.</summary>
    public double? Min(Analyte analyte, double hours) => Extreme(analyte, hours, Math.Min);

    /// <summary>Maximum over results charted in [admit, admit + hours), or null.</summary>
    public double? Max(Analyte analyte, double hours) => Extreme(analyte, hours, Math.Max);

    /// <summary>The outcome model's inputs from the first 24 hours of this record.</summary>
    public AdmissionRiskFactors RiskFactors(int age, ChronicCondition coded, AdmissionReason reason, int prior, bool icu, bool intubated) => new()
    {
        Age = age,
        Conditions = coded,
        Reason = reason,
        PriorAdmissions365 = prior,
        Icu = icu,
        Intubated = intubated,
        SystolicMin = Min(SystolicBloodPressure, 24),
        HeartRateMax = Max(HeartRate, 24),
        OxygenSaturationMin = Min(OxygenSaturation, 24),
        RespiratoryRateMax = Max(RespiratoryRate, 24),
        TemperatureMin = Min(Temperature, 24),
        LactateMax = Max(Lactate, 24),
        CreatinineMax = Max(Creatinine, 24),
        WhiteCellsMax = Max(WhiteBloodCells, 24),
        WhiteCellsMin = Min(WhiteBloodCells, 24),
        SodiumMin = Min(Sodium, 24),
        SodiumMax = Max(Sodium, 24),
    };

    private DateTime At(double hours) => Minutes.Floor(Admit.AddHours(hours));

    private double? Extreme(Analyte analyte, double hours, Func<double, double, double> pick)
    {
        var list = AnalyteCatalog.Get(analyte).IsVitalSign ? _vitals : _labs;
        var end = Admit.AddHours(hours);
        double? result = null;
        foreach (var m in list)
        {
            if (m.Analyte == analyte && !m.IsCensored && m.Time >= Admit && m.Time < end)
            {
                result = result is { } r ? pick(r, m.Value) : m.Value;
            }
        }

        return result;
    }
}
