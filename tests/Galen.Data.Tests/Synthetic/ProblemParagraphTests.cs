using Galen.Core.Errors;
using Galen.Data.Synthetic.Catalog;
using Galen.Data.Synthetic.Model;
using Galen.Data.Synthetic.Notes;

namespace Galen.Data.Tests.Synthetic;

/// <summary>
/// Notes carry a problem-oriented course and plan, as real discharge summaries do: the admission
/// reason's paragraph names the symptoms the generator's knowledge gives it and the drugs the
/// patient actually received for it, so a text model can learn which go together.
/// </summary>
public sealed class ProblemParagraphTests
{
    /// <summary>How the standard set can write a phrase section's alternatives (they are plain text).</summary>
    private static IReadOnlyList<string> SurfaceForms(string section, string fallback) =>
        NoteTemplateSet.Standard.HasPhrases(section)
            ? NoteTemplateSet.Standard.Phrases(section).Select(t => string.Concat(t.Segments.OfType<LiteralSegment>().Select(l => l.Text))).ToList()
            : [fallback];

    /// <summary>The reason's problem paragraph in <paramref name="text"/> ("# Name: ..." or "Name: ...", with any "- " lines below it), or null.</summary>
    private static string? ReasonParagraph(string text, ReasonProfile profile)
    {
        var names = SurfaceForms("problem-name:" + profile.Key, profile.Name);
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimStart('#', ' ');
            foreach (string name in names)
            {
                if (line == name || line.StartsWith(name + ":", StringComparison.Ordinal) || line.StartsWith(name + " (", StringComparison.Ordinal) || line.StartsWith(name + " -", StringComparison.Ordinal))
                {
                    // Some admission-note variants list the plan on the lines below ("- ceftriaxone").
                    var paragraph = new List<string> { line };
                    for (int j = i + 1; j < lines.Length && lines[j].StartsWith("- ", StringComparison.Ordinal); j++)
                    {
                        paragraph.Add(lines[j]);
                    }

                    return string.Join('\n', paragraph);
                }
            }
        }

        return null;
    }

    [Fact]
    public void The_reasons_paragraph_names_its_symptoms_and_the_drugs_given_for_it()
    {
        var (patients, _, _) = CollectingWriter.Generate(80, seed: 41);
        int paragraphs = 0, withDrugs = 0;
        foreach (var patient in patients)
        {
            foreach (var admission in patient.Admissions)
            {
                var profile = ReasonCatalog.Get(admission.Reason);
                var symptoms = profile.Symptoms.Select(s => s.Symptom.Name).ToList();
                var treatments = profile.Treatments.Select(t => t.DrugKey).ToHashSet(StringComparer.Ordinal);
                var given = admission.Prescriptions
                    .Where(p => !p.IsHomeMedication && (treatments.Contains(p.Drug.Key) || treatments.Any(t => SubstituteFor(t, p.Drug.Key))))
                    .Select(p => p.Drug)
                    .ToList();
                foreach (var note in admission.Notes)
                {
                    string? paragraph = ReasonParagraph(note.Text, profile);
                    Assert.True(paragraph is not null, $"{note.Kind} note of a {profile.Key} admission has no problem paragraph for it:\n{note.Text}");
                    paragraphs++;
                    Assert.True(symptoms.Any(s => paragraph.Contains(s, StringComparison.Ordinal)), $"'{paragraph}' names none of {string.Join(", ", symptoms)}");
                    if (given.Count > 0)
                    {
                        withDrugs++;
                        var forms = given.SelectMany(d => SurfaceForms("drug:" + d.Key, d.Name.ToLowerInvariant())).ToList();
                        Assert.True(forms.Any(f => paragraph.Contains(f, StringComparison.Ordinal)), $"'{paragraph}' names none of the drugs given for it ({string.Join(", ", given.Select(d => d.Name))})");
                    }

                    // The paragraph holds no PHI, and the note's annotations still cover exactly their text.
                    int at = note.Text.IndexOf(paragraph.Split('\n')[0], StringComparison.Ordinal);
                    Assert.DoesNotContain(note.Spans, s => s.Start < at + paragraph.Length && s.End > at);
                }
            }
        }

        Assert.True(paragraphs > 150, $"only {paragraphs} notes checked");
        Assert.True(withDrugs > paragraphs / 2, $"only {withDrugs} of {paragraphs} paragraphs had drugs to check");
    }

    /// <summary>Penicillin-allergic patients get levofloxacin or vancomycin instead of a beta-lactam.</summary>
    private static bool SubstituteFor(string treatment, string given) =>
        (treatment, given) is ("piperacillin_tazobactam" or "ceftriaxone", "levofloxacin") or ("cefazolin", "vancomycin");

    [Fact]
    public void Chronic_problems_list_only_the_home_medications_taken_for_them()
    {
        var (patients, _, _) = CollectingWriter.Generate(40, seed: 42);
        int checkedLines = 0;
        foreach (var patient in patients)
        {
            foreach (var condition in ConditionCatalog.In(patient.Conditions))
            {
                // The names of the drugs the patient takes for this condition, and every drug's written forms.
                var allowed = HomeDrugsFor(patient, condition.Condition);
                var names = SurfaceForms("condition-name:" + condition.Name, condition.Phrase);
                foreach (var note in patient.Admissions.SelectMany(a => a.Notes))
                {
                    foreach (var line in note.Text.Split('\n').Select(l => l.TrimStart('#', ' ')).Where(l => names.Any(n => l.StartsWith(n + ":", StringComparison.Ordinal) || l.StartsWith(n + " -", StringComparison.Ordinal))))
                    {
                        // "# Hypertension: continue home lisinopril and amlodipine." names only drugs of the patient's own list for it.
                        var named = DrugsNamedIn(line);
                        Assert.Equal(allowed.Count > 0, named.Count > 0);
                        Assert.True(named.IsSubsetOf(allowed), $"'{line}' names {string.Join(", ", named.Except(allowed))}, not taken for {condition.Phrase}");
                        checkedLines++;
                    }
                }
            }
        }

        Assert.True(checkedLines > 20, $"only {checkedLines} chronic problem lines checked");
    }

    [Fact]
    public void The_past_history_names_only_the_home_medications_taken_for_each_condition()
    {
        var (patients, _, _) = CollectingWriter.Generate(40, seed: 42);
        int checkedLines = 0;
        foreach (var patient in patients)
        {
            foreach (var condition in ConditionCatalog.In(patient.Conditions))
            {
                var allowed = HomeDrugsFor(patient, condition.Condition);
                string prefix = "- " + char.ToUpperInvariant(condition.Phrase[0]) + condition.Phrase[1..] + ", on ";
                foreach (var line in patient.Admissions.SelectMany(a => a.Notes).SelectMany(n => n.Text.Split('\n')).Where(l => l.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    // "- Congestive heart failure, on furosemide and carvedilol" in a past-history list.
                    var named = DrugsNamedIn(line);
                    Assert.NotEmpty(named);
                    Assert.True(named.IsSubsetOf(allowed), $"'{line}' names {string.Join(", ", named.Except(allowed))}, not taken for {condition.Phrase}");
                    checkedLines++;
                }
            }
        }

        Assert.True(checkedLines > 10, $"only {checkedLines} past-history lines with medications checked");
    }

    /// <summary>Names of the home medications <paramref name="patient"/> takes for <paramref name="condition"/>.</summary>
    private static HashSet<string> HomeDrugsFor(SyntheticPatient patient, ChronicCondition condition) =>
        HomeMedicationCatalog.All.Where(h => h.Condition == condition && patient.HomeMedications.Contains(h.DrugKey))
            .Select(h => DrugCatalog.Get(h.DrugKey).Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Names of every catalogue drug written in <paramref name="line"/>, in any of its written forms.</summary>
    private static HashSet<string> DrugsNamedIn(string line) =>
        DrugCatalog.All.Where(d => SurfaceForms("drug:" + d.Key, d.Name.ToLowerInvariant()).Any(f => line.Contains(f, StringComparison.Ordinal)))
            .Select(d => d.Name).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Writing_the_problem_list_leaves_the_rest_of_the_record_unchanged()
    {
        using var temp = new TempFolder();
        string folder = NoteTemplateSetTests.CopyStandard(temp, notes => notes.Replace("{problems}", string.Empty, StringComparison.Ordinal));
        var (without, _, _) = CollectingWriter.Generate(30, seed: 9, templates: folder);
        var (with, _, _) = CollectingWriter.Generate(30, seed: 9);
        Assert.Equal(without.Count, with.Count);
        int longer = 0;
        for (int i = 0; i < with.Count; i++)
        {
            Assert.Equal(without[i].Admissions.Count, with[i].Admissions.Count);
            Assert.Equal(without[i].DeathTime, with[i].DeathTime);
            for (int a = 0; a < with[i].Admissions.Count; a++)
            {
                var (x, y) = (without[i].Admissions[a], with[i].Admissions[a]);
                Assert.Equal(x.DischargeTime, y.DischargeTime);
                Assert.Equal(x.Prescriptions, y.Prescriptions);
                Assert.Equal(x.Labs, y.Labs);
                Assert.Equal(x.Vitals, y.Vitals);
                Assert.Equal(x.Diagnoses, y.Diagnoses);
                Assert.Equal(x.Truth.InHospitalDeathProbability, y.Truth.InHospitalDeathProbability);
                Assert.Equal(x.Notes.Select(n => n.Time), y.Notes.Select(n => n.Time));
                longer += x.Notes.Zip(y.Notes).Count(p => p.Second.Text.Length > p.First.Text.Length);
            }
        }

        Assert.True(longer > 30, "the standard set writes problem paragraphs");
    }

    [Fact]
    public void Rewording_the_reasons_assessment_plan_and_course_moves_no_phi_and_no_other_value()
    {
        // Fewer alternatives and no optional parts or shared boilerplate: every draw these
        // phrases take from the note's own stream changes, and nothing else may.
        using var temp = new TempFolder();
        string folder = NoteTemplateSetTests.CopyStandard(temp, editPhrases: phrases => phrases
            .Replace("{plan-general}", "monitor", StringComparison.Ordinal)
            .Replace("{course-general}", string.Empty, StringComparison.Ordinal)
            .Replace("[?0.5]", "[?0.9]", StringComparison.Ordinal));
        var (plain, _, _) = CollectingWriter.Generate(30, seed: 9, templates: folder);
        var (varied, _, _) = CollectingWriter.Generate(30, seed: 9);
        Assert.Equal(plain.Count, varied.Count);
        int differing = 0;
        for (int i = 0; i < varied.Count; i++)
        {
            Assert.Equal(plain[i].Admissions.Count, varied[i].Admissions.Count);
            for (int a = 0; a < varied[i].Admissions.Count; a++)
            {
                var (x, y) = (plain[i].Admissions[a], varied[i].Admissions[a]);
                Assert.Equal(x.Prescriptions, y.Prescriptions);
                Assert.Equal(x.Labs, y.Labs);
                Assert.Equal(x.Diagnoses, y.Diagnoses);
                Assert.Equal(x.Notes.Select(n => n.Time), y.Notes.Select(n => n.Time));
                foreach (var (before, after) in x.Notes.Zip(y.Notes))
                {
                    // The same PHI, in the same surface forms and order, annotated exactly.
                    Assert.Equal(before.Spans.Select(s => (s.Type, before.Text.Substring(s.Start, s.Length))), after.Spans.Select(s => (s.Type, after.Text.Substring(s.Start, s.Length))));
                    differing += before.Text == after.Text ? 0 : 1;
                }
            }
        }

        Assert.True(differing > 30, $"only {differing} notes changed wording");
    }

    [Fact]
    public void A_set_that_writes_problems_needs_every_problem_section()
    {
        using var temp = new TempFolder();
        string folder = NoteTemplateSetTests.CopyStandard(temp, editPhrases: phrases => phrases.Replace("[problem-supportive:death]", "[unused-section]", StringComparison.Ordinal));
        var error = Assert.Throws<GalenInputException>(() => NoteTemplateSet.Resolve(folder));
        Assert.Contains("[problem-supportive:death]", error.Message, StringComparison.Ordinal);
    }
}
