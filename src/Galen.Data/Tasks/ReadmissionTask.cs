using System.Globalization;
using Galen.Core.Learning;
using Galen.Data.Timeline;

namespace Galen.Data.Tasks;

/// <summary>
/// Readmission within <see cref="WindowDays"/> days of discharge. One sample per inpatient visit
/// the patient left alive. Label 1 when another inpatient visit starts at or after the discharge
/// and no more than W days after it; else 0 — but a visit with no readmission whose discharge is
/// less than W days before the end of the data (the latest event in the store) is not a sample,
/// since its follow-up is incomplete (censored). A death after discharge without readmission is
/// label 0. Index time: discharge.
/// </summary>
public sealed class ReadmissionTask(double windowDays = 30) : IClinicalTask
{
    public double WindowDays { get; } = windowDays > 0 ? windowDays : throw new ArgumentOutOfRangeException(nameof(windowDays), "must be positive");

    public string Name => "readmission";

    public string Parameters => string.Create(CultureInfo.InvariantCulture, $"window_days={WindowDays}");

    public string Definition => string.Create(CultureInfo.InvariantCulture,
        $"One sample per inpatient visit left alive; label 1 if another inpatient visit starts within {WindowDays} days after discharge, else 0; visits discharged less than {WindowDays} days before the end of the data without a readmission are excluded (censored). Predicted at discharge.");

    public LabelSchema Prepare(TaskPreparation preparation) =>
        LabelSchema.Binary(Name, string.Create(CultureInfo.InvariantCulture, $"readmission within {WindowDays} days"), "not readmitted", "readmitted");

    public IEnumerable<TaskSample> Samples(Patient patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var inpatient = VisitRules.Inpatient(patient);
        var window = TimeSpan.FromDays(WindowDays);
        foreach (int v in inpatient)
        {
            var visit = patient.Visits[v];
            if (visit.DiedInHospital)
            {
                continue;
            }

            bool readmitted = false;
            foreach (int u in inpatient)
            {
                var other = patient.Visits[u];
                if (u != v && other.Start >= visit.End && other.Start - visit.End <= window)
                {
                    readmitted = true;
                    break;
                }
            }

            if (readmitted || visit.End + window <= patient.DataEnd)
            {
                yield return new TaskSample(VisitRules.Key(visit), visit.End, visit.Start, v, [readmitted ? 1f : 0f]);
            }
        }
    }
}
