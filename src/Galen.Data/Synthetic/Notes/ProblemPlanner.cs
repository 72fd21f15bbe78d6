using Galen.Data.Synthetic.Catalog;
using Galen.Data.Synthetic.Generation;
using Galen.Data.Synthetic.Model;

namespace Galen.Data.Synthetic.Notes;

/// <summary>
/// Chooses the paragraphs of a problem-oriented hospital course or assessment and plan, the way
/// discharge summaries are written: the admission reason first, with the symptoms the patient
/// had (from the reason's symptom table, not always every one), a finding or two from the chart,
/// and the drugs actually given for it; then a few of the patient's chronic conditions with the
/// home medications taken for them. Clinicians are not tidy, so now and then a drug given for
/// another problem is written in the reason's paragraph. Every choice draws from the random
/// stream it is given.
/// </summary>
internal static class ProblemPlanner
{
    /// <summary>Chance that each of the patient's symptoms is repeated in the problem paragraph.</summary>
    private const double SymptomKept = 0.8;

    /// <summary>Chance that the reason's paragraph also names a drug given for something else.</summary>
    private const double StrayDrug = 0.15;

    /// <summary>Most chronic conditions written as problems of their own.</summary>
    private const int MostChronicProblems = 3;

    /// <param name="patient">The patient (home medications, conditions).</param>
    /// <param name="admission">The admission (its prescriptions).</param>
    /// <param name="present">Symptoms the notes report for this admission.</param>
    /// <param name="findings">Abnormal findings from the chart, as notes word them.</param>
    /// <param name="conditions">The patient's chronic conditions and how notes name each.</param>
    /// <param name="rng">The problem list's own random stream.</param>
    public static List<NoteProblem> Plan(PatientDraft patient, SyntheticAdmission admission, IReadOnlyList<Symptom> present, IReadOnlyList<string> findings,
        IReadOnlyList<(ConditionInfo Condition, string Name)> conditions, Random rng)
    {
        var profile = ReasonCatalog.Get(admission.Reason);
        var problems = new List<NoteProblem>(1 + MostChronicProblems);

        var presentation = new List<string>(present.Count + 2);
        foreach (var symptom in present)
        {
            if (rng.Chance(SymptomKept))
            {
                presentation.Add(symptom.Name);
            }
        }

        if (presentation.Count == 0)
        {
            presentation.Add(rng.Pick(present).Name);
        }

        foreach (var finding in findings)
        {
            if (presentation.Count < present.Count + 2 && rng.Chance(0.5))
            {
                presentation.Add(finding);
            }
        }

        Shuffle(presentation, rng, keepFirst: rng.Chance(0.6));

        var (drugs, others) = Sort(patient, admission);

        if (drugs.Count > 0 && others.Count > 0 && rng.Chance(StrayDrug))
        {
            drugs.Insert(rng.Next(drugs.Count + 1), rng.Pick(others));
        }

        problems.Add(new NoteProblem(drugs.Count > 0 ? ProblemKind.Acute : ProblemKind.Supportive, "problem-name:" + profile.Key, profile.Name, presentation, drugs));

        var chosen = conditions.ToList();
        Shuffle(chosen, rng, keepFirst: false);
        int wanted = Math.Min(chosen.Count, rng.Next(0, MostChronicProblems + 1));
        for (int i = 0; i < wanted; i++)
        {
            var (condition, name) = chosen[i];
            var home = HomeMedications(patient, condition);

            problems.Add(new NoteProblem(home.Count > 0 ? ProblemKind.Chronic : ProblemKind.Untreated, "condition-name:" + condition.Name, name, [], home));
        }

        return problems;
    }

    /// <summary>The home medications the patient takes for a chronic condition, each once.</summary>
    public static List<Drug> HomeMedications(PatientDraft patient, ConditionInfo condition)
    {
        var home = new List<Drug>();
        foreach (var medication in HomeMedicationCatalog.All)
        {
            if (medication.Condition == condition.Condition && patient.Takes(medication.DrugKey))
            {
                var drug = DrugCatalog.Get(medication.DrugKey);
                if (!home.Contains(drug))
                {
                    home.Add(drug);
                }
            }
        }

        return home;
    }

    /// <summary>The drugs the admission gave for its reason (not home medications), in the order first prescribed.</summary>
    public static List<Drug> GivenFor(PatientDraft patient, SyntheticAdmission admission) => Sort(patient, admission).ForReason;

    /// <summary>The admission's distinct drugs: those given for its reason, and every other one (home medications included).</summary>
    private static (List<Drug> ForReason, List<Drug> Others) Sort(PatientDraft patient, SyntheticAdmission admission)
    {
        var forReason = new HashSet<string>(StringComparer.Ordinal);
        foreach (var treatment in ReasonCatalog.Get(admission.Reason).Treatments)
        {
            forReason.Add(treatment.DrugKey);
            forReason.Add(AdmissionSimulator.Substitute(patient, treatment.DrugKey));
        }

        var drugs = new List<Drug>();
        var others = new List<Drug>();
        foreach (var prescription in admission.Prescriptions)
        {
            if (drugs.Contains(prescription.Drug) || others.Contains(prescription.Drug))
            {
                continue;
            }

            (forReason.Contains(prescription.Drug.Key) && !prescription.IsHomeMedication ? drugs : others).Add(prescription.Drug);
        }

        return (drugs, others);
    }

    /// <summary>Fisher–Yates shuffle; with <paramref name="keepFirst"/> the first item stays first (the chief symptom leads).</summary>
    private static void Shuffle<T>(List<T> items, Random rng, bool keepFirst)
    {
        int from = keepFirst ? 1 : 0;
        for (int i = items.Count - 1; i > from; i--)
        {
            int j = from + rng.Next(i - from + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
