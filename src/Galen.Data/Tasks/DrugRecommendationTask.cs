using System.Globalization;
using Galen.Core.Learning;
using Galen.Data.Timeline;

namespace Galen.Data.Tasks;

/// <summary>
/// Drug recommendation (multi-label): which ATC classes a visit's patient receives. One sample per
/// inpatient visit with at least one diagnosis and at least one drug exposure with an ATC code of
/// at least <see cref="AtcLevel"/> characters' level linked to it. Labels: the set of those
/// drugs' ATC codes cut to level L (level 3 = 4 characters, e.g. A10B); the label space is every
/// such code in the store. Index time: discharge; features use the visit's diagnoses and
/// procedures and earlier visits' drugs, never this visit's drugs.
/// </summary>
public sealed class DrugRecommendationTask(int atcLevel = 3) : IClinicalTask
{
    private Dictionary<string, int> _labelIndex = [];
    private TaskPreparation? _preparation;

    public int AtcLevel { get; } = atcLevel is >= 1 and <= 5 ? atcLevel : throw new ArgumentOutOfRangeException(nameof(atcLevel), "ATC levels are 1 to 5");

    public string Name => "drug_recommendation";

    public string Parameters => string.Create(CultureInfo.InvariantCulture, $"atc_level={AtcLevel}");

    public string Definition => string.Create(CultureInfo.InvariantCulture,
        $"One sample per inpatient visit with ≥ 1 diagnosis and ≥ 1 drug with an ATC code linked to it; labels: the ATC level-{AtcLevel} codes of those drugs. Predicted at discharge from diagnoses, procedures and earlier drugs.");

    public LabelSchema Prepare(TaskPreparation preparation)
    {
        ArgumentNullException.ThrowIfNull(preparation);
        _preparation = preparation;
        var labels = preparation.AtcCodes(AtcLevel);
        _labelIndex = labels.Select((code, i) => (code, i)).ToDictionary(p => p.code, p => p.i, StringComparer.Ordinal);
        return new LabelSchema(Name, LabelKind.MultiLabel, labels, string.Create(CultureInfo.InvariantCulture, $"drugs given, as ATC level-{AtcLevel} classes"));
    }

    public IEnumerable<TaskSample> Samples(Patient patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var preparation = _preparation ?? throw new InvalidOperationException("Prepare the task first.");
        foreach (int v in VisitRules.Inpatient(patient))
        {
            bool diagnosed = false;
            foreach (var condition in patient.Conditions)
            {
                if (condition.Visit == v)
                {
                    diagnosed = true;
                    break;
                }
            }

            var target = new float[_labelIndex.Count];
            bool any = false;
            foreach (var drug in patient.Drugs)
            {
                if (drug.Visit == v && preparation.Atc(drug.AtcConceptId, AtcLevel) is { } code && _labelIndex.TryGetValue(code, out int label))
                {
                    target[label] = 1;
                    any = true;
                }
            }

            if (diagnosed && any)
            {
                var visit = patient.Visits[v];
                yield return new TaskSample(VisitRules.Key(visit), visit.End, visit.Start, v, target, ExcludeCurrentVisitDrugs: true);
            }
        }
    }
}
