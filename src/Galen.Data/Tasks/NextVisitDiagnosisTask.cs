using Galen.Core.Learning;
using Galen.Data.Timeline;

namespace Galen.Data.Tasks;

/// <summary>
/// Next-visit diagnosis (multi-label). One sample per inpatient visit whose next inpatient visit
/// has at least one diagnosis; labels: the diagnoses of that next visit, as categories
/// ("ICD10CM:I50", the code before the dot) or full codes. The label space is every such key
/// coded in an inpatient visit in the store. Index time: discharge of the current visit.
/// </summary>
public sealed class NextVisitDiagnosisTask(bool categories = true) : IClinicalTask
{
    private Dictionary<string, int> _labelIndex = [];
    private TaskPreparation? _preparation;

    public bool Categories { get; } = categories;

    public string Name => "next_visit_diagnosis";

    public string Parameters => Categories ? "codes=category" : "codes=full";

    public string Definition => (Categories ? "Diagnosis categories" : "Diagnosis codes") +
        " of the next inpatient visit; one sample per inpatient visit whose next inpatient visit has ≥ 1 diagnosis. Predicted at discharge of the current visit.";

    public LabelSchema Prepare(TaskPreparation preparation)
    {
        ArgumentNullException.ThrowIfNull(preparation);
        _preparation = preparation;
        var labels = preparation.InpatientDiagnosisKeys(Categories);
        _labelIndex = labels.Select((key, i) => (key, i)).ToDictionary(p => p.key, p => p.i, StringComparer.Ordinal);
        return new LabelSchema(Name, LabelKind.MultiLabel, labels, "diagnoses of the next admission");
    }

    public IEnumerable<TaskSample> Samples(Patient patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var preparation = _preparation ?? throw new InvalidOperationException("Prepare the task first.");
        var inpatient = VisitRules.Inpatient(patient);
        for (int i = 0; i + 1 < inpatient.Count; i++)
        {
            int next = inpatient[i + 1];
            var target = new float[_labelIndex.Count];
            bool any = false;
            foreach (var condition in patient.Conditions)
            {
                if (condition.Visit == next && _labelIndex.TryGetValue(preparation.DiagnosisKey(condition.ConceptId, Categories), out int label))
                {
                    target[label] = 1;
                    any = true;
                }
            }

            if (any)
            {
                var visit = patient.Visits[inpatient[i]];
                yield return new TaskSample(VisitRules.Key(visit), visit.End, visit.Start, inpatient[i], target);
            }
        }
    }
}
