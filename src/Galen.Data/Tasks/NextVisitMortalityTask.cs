using Galen.Core.Learning;
using Galen.Data.Timeline;

namespace Galen.Data.Tasks;

/// <summary>
/// Mortality in the next admission (PyHealth's MIMIC mortality task). One sample per inpatient
/// visit that the patient left alive and that has a next inpatient visit; label 1 when that next
/// visit ended in death, else 0. Index time: discharge of the current visit; features from
/// everything known then.
/// </summary>
public sealed class NextVisitMortalityTask : IClinicalTask
{
    public string Name => "next_visit_mortality";

    public string Parameters => string.Empty;

    public string Definition =>
        "One sample per inpatient visit left alive that has a next inpatient visit; label 1 if the next inpatient visit ended in death, else 0. Predicted at discharge from data up to then.";

    public LabelSchema Prepare(TaskPreparation preparation) => LabelSchema.Binary(Name, "death during the next admission", "survived", "died");

    public IEnumerable<TaskSample> Samples(Patient patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var inpatient = VisitRules.Inpatient(patient);
        for (int i = 0; i + 1 < inpatient.Count; i++)
        {
            var visit = patient.Visits[inpatient[i]];
            if (visit.DiedInHospital)
            {
                continue;
            }

            var next = patient.Visits[inpatient[i + 1]];
            yield return new TaskSample(VisitRules.Key(visit), visit.End, visit.Start, inpatient[i], [next.DiedInHospital ? 1f : 0f]);
        }
    }
}
