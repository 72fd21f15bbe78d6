using Galen.Data.Synthetic.Catalog;
using Galen.Data.Synthetic.Model;
using Galen.Data.Synthetic.Output;

namespace Galen.Data.Synthetic;

/// <summary>
/// Counts and rates of a generated hospital, accumulated while it streams past, plus the
/// per-admission true mortality risk and outcome (enough to compute the Bayes-optimal AUROC).
/// </summary>
public sealed class SyntheticHospitalSummary
{
    private readonly List<double> _deathProbabilities = [];
    private readonly List<bool> _deaths = [];
    private readonly long[] _conditionCounts = new long[ConditionCatalog.All.Count];
    private readonly long[] _labAdmissions = new long[Enum.GetValues<Analyte>().Length];
    private double _sumDeathProbability;
    private double _sumReadmissionProbability;
    private double _sumLengthOfStay;

    public required int Seed { get; init; }

    public required string NoteTemplates { get; init; }

    public long Patients { get; private set; }

    public long Admissions { get; private set; }

    public long InHospitalDeaths { get; private set; }

    /// <summary>Admissions that ended alive (the readmission cohort).</summary>
    public long Discharges { get; private set; }

    public long Readmissions30Days { get; private set; }

    public long IcuStays { get; private set; }

    public long Notes { get; private set; }

    public long PhiSpans { get; private set; }

    public long LabResults { get; private set; }

    public long VitalSigns { get; private set; }

    public long Diagnoses { get; private set; }

    public long Procedures { get; private set; }

    public long Prescriptions { get; private set; }

    public long OutOfHospitalDeaths { get; private set; }

    /// <summary>The latest time anywhere in the records (an admission, result, note or death): the end of the hospital's clock.</summary>
    public DateTime? LatestTime { get; private set; }

    public double InHospitalMortalityRate => Admissions == 0 ? 0 : InHospitalDeaths / (double)Admissions;

    public double MeanDeathProbability => Admissions == 0 ? 0 : _sumDeathProbability / Admissions;

    public double ReadmissionRate => Discharges == 0 ? 0 : Readmissions30Days / (double)Discharges;

    public double MeanReadmissionProbability => Discharges == 0 ? 0 : _sumReadmissionProbability / Discharges;

    public double MeanLengthOfStayDays => Admissions == 0 ? 0 : _sumLengthOfStay / Admissions;

    /// <summary>True P(in-hospital death) of every admission, in output order.</summary>
    public IReadOnlyList<double> DeathProbabilities => _deathProbabilities;

    /// <summary>Whether each admission ended in death, aligned with <see cref="DeathProbabilities"/>.</summary>
    public IReadOnlyList<bool> Deaths => _deaths;

    /// <summary>Files written (empty until the writer completes).</summary>
    public IReadOnlyList<OutputFileInfo> Files { get; internal set; } = [];

    /// <summary>Share of patients with a chronic condition at their first admission.</summary>
    public double Prevalence(ChronicCondition condition) =>
        Patients == 0 ? 0 : _conditionCounts[ConditionCatalog.All.ToList().FindIndex(c => c.Condition == condition)] / (double)Patients;

    /// <summary>Share of admissions with no result of <paramref name="analyte"/> in their first 24 hours.</summary>
    public double MissingFirstDay(Analyte analyte) => Admissions == 0 ? 0 : 1 - (_labAdmissions[(int)analyte] / (double)Admissions);

    internal void Add(SyntheticPatient patient)
    {
        Patients++;
        for (int i = 0; i < ConditionCatalog.All.Count; i++)
        {
            if ((patient.Conditions & ConditionCatalog.All[i].Condition) != 0)
            {
                _conditionCounts[i]++;
            }
        }

        if (patient.DeathTime is not null && !patient.Admissions[^1].DiedInHospital)
        {
            OutOfHospitalDeaths++;
        }

        Span<bool> seen = stackalloc bool[_labAdmissions.Length];
        foreach (var a in patient.Admissions)
        {
            Admissions++;
            var truth = a.Truth;
            _deathProbabilities.Add(truth.InHospitalDeathProbability);
            _deaths.Add(truth.Died);
            _sumDeathProbability += truth.InHospitalDeathProbability;
            _sumLengthOfStay += (a.DischargeTime - a.AdmitTime).TotalDays;
            if (truth.Died)
            {
                InHospitalDeaths++;
            }
            else
            {
                Discharges++;
                _sumReadmissionProbability += truth.ReadmissionProbability ?? 0;
                if (truth.Readmitted30Days == true)
                {
                    Readmissions30Days++;
                }
            }

            IcuStays += a.Icu is null ? 0 : 1;
            Notes += a.Notes.Count;
            foreach (var note in a.Notes)
            {
                PhiSpans += note.Spans.Count;
            }

            LabResults += a.Labs.Count;
            VitalSigns += a.Vitals.Count;
            Diagnoses += a.Diagnoses.Count;
            Procedures += a.Procedures.Count;
            Prescriptions += a.Prescriptions.Count;
            seen.Clear();
            var end = a.AdmitTime.AddHours(24);
            foreach (var m in a.Labs)
            {
                if (m.Time < end)
                {
                    seen[(int)m.Analyte] = true;
                }
            }

            foreach (var m in a.Vitals)
            {
                if (m.Time < end)
                {
                    seen[(int)m.Analyte] = true;
                }
            }

            for (int i = 0; i < seen.Length; i++)
            {
                if (seen[i])
                {
                    _labAdmissions[i]++;
                }
            }
        }

        LabResults += patient.OutpatientLabs.Count;
        var latest = LatestOf(patient);
        if (LatestTime is null || latest > LatestTime)
        {
            LatestTime = latest;
        }
    }

    /// <summary>The latest time in a patient's records; every other time of an admission lies within it, but all are checked.</summary>
    private static DateTime LatestOf(SyntheticPatient patient)
    {
        var latest = patient.BirthDate;
        static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
        if (patient.DeathTime is { } death)
        {
            latest = Max(latest, death);
        }

        foreach (var a in patient.Admissions)
        {
            latest = Max(latest, Max(a.AdmitTime, a.DischargeTime));
            latest = a.DeathTime is { } died ? Max(latest, died) : latest;
            latest = a.Icu is { } icu ? Max(latest, Max(icu.InTime, icu.OutTime)) : latest;
            foreach (var p in a.Procedures)
            {
                latest = Max(latest, p.Time);
            }

            foreach (var p in a.Prescriptions)
            {
                latest = Max(latest, Max(p.Start, p.End));
            }

            foreach (var m in a.Labs)
            {
                latest = Max(latest, m.Time);
            }

            foreach (var m in a.Vitals)
            {
                latest = Max(latest, m.Time);
            }

            foreach (var note in a.Notes)
            {
                latest = Max(latest, note.Time);
            }
        }

        foreach (var m in patient.OutpatientLabs)
        {
            latest = Max(latest, m.Time);
        }

        return latest;
    }
}
