using Galen.Core.Clinical;
using Galen.Core.Errors;
using Galen.Text.Corpus;
using Galen.Text.Data.Knowledge;
using Galen.Text.Nlp;
using Galen.Text.Nlp.Concepts;
using Galen.Text.Nlp.Sections;
using Galen.Text.Tests.Store;
using Xunit.Abstractions;

namespace Galen.Text.Tests.Nlp;

/// <summary>
/// Concept extraction with the synthetic hospital's knowledge files, checked against what the
/// hospital recorded in its tables for the same admission (DIAGNOSES_ICD, PRESCRIPTIONS) and
/// against the knowledge itself (which symptoms each admission reason shows).
/// </summary>
public sealed class KnowledgeLexiconTests(SyntheticStore hospital, ITestOutputHelper output) : IClassFixture<SyntheticStore>
{
    [Fact]
    public void Knowledge_concepts_carry_their_codes_and_keep_the_starter_synonyms()
    {
        var lexicon = KnowledgeLexicon.Load(hospital.Extract, ConceptLexicon.Default);
        var extractor = new ConceptExtractor(lexicon);

        var found = extractor.Find("Sepsis, unspecified organism; pt with HTN on Lisinopril, c/o dysuria and fever.");
        var byTerm = found.ToDictionary(f => f.Entry.Term, f => f.Entry);

        Assert.Contains(new ClinicalCode(CodeSystems.Icd10Cm, "A41.9"), byTerm["sepsis, unspecified organism"].Codes);
        Assert.Contains(new ClinicalCode(CodeSystems.Atc, "C09AA03"), byTerm["lisinopril"].Codes);
        Assert.Contains(new ClinicalCode(CodeSystems.RxNorm, "29046"), byTerm["lisinopril"].Codes);
        Assert.Contains(new ClinicalCode(CodeSystems.SnomedCt, "386661006"), byTerm["fever"].Codes);

        // "htn" is a starter-lexicon synonym of hypertension (I10); it resolves to the knowledge concept with that code.
        var htn = found.Single(f => Text(f) == "htn").Entry;
        Assert.Equal(ConceptKind.Disease, htn.Kind);
        Assert.Contains(htn.Codes, c => c.System == CodeSystems.Icd10Cm && KnowledgeLexicon.WithoutDot(c.Code) == "I10");

        // The part before the comma is a synonym: notes say "sepsis".
        Assert.Contains(extractor.Find("Admitted with sepsis."), f => f.Entry.Term == "sepsis, unspecified organism");

        string Text((ConceptEntry Entry, TextRange Range) f) =>
            "Sepsis, unspecified organism; pt with HTN on Lisinopril, c/o dysuria and fever.".Substring(f.Range.Start, f.Range.Length).ToLowerInvariant();
    }

    [Fact]
    public void Discharge_summaries_yield_the_recorded_diagnoses_and_discharge_drugs_with_their_codes()
    {
        // The knowledge files hold no long-acting insulin (the generator gives it to insulin users, not
        // by condition); the starter lexicon has it, so the two together code every discharge drug.
        var analyzer = new ClinicalNoteAnalyzer(KnowledgeLexicon.Load(hospital.Extract, ConceptLexicon.Default));
        var diagnoses = ReadCodes(Path.Combine(hospital.Extract, "DIAGNOSES_ICD.csv"), "ICD_CODE", principalOnly: false);
        var principal = ReadCodes(Path.Combine(hospital.Extract, "DIAGNOSES_ICD.csv"), "ICD_CODE", principalOnly: true);
        var prescribed = ReadCodes(Path.Combine(hospital.Extract, "PRESCRIPTIONS.csv"), "ATC", principalOnly: false);

        int summaries = 0, principalFound = 0, diagnosisMentions = 0, diagnosisRecorded = 0, medicationLines = 0, drugLinesCoded = 0, drugsPrescribed = 0;
        foreach (var note in hospital.Notes.Where(n => IsDischargeSummary(n) && n.HadmId is not null))
        {
            summaries++;
            var analyzed = analyzer.Analyze(note.Text);
            var diseaseCodes = analyzed.Mentions.Where(m => m.Concept.Kind == ConceptKind.Disease && m.Assertion.IsAffirmed)
                .SelectMany(m => m.Concept.Codes).Where(c => c.System == CodeSystems.Icd10Cm).Select(c => KnowledgeLexicon.WithoutDot(c.Code)).ToHashSet();
            if (principal.TryGetValue(note.HadmId!, out var first) && first.Overlaps(diseaseCodes))
            {
                principalFound++;
            }

            foreach (var mention in analyzed.Mentions.Where(m => m.Section == SectionKind.DischargeDiagnoses && m.Concept.Kind == ConceptKind.Disease))
            {
                diagnosisMentions++;
                // Compared by ICD-10 category: the knowledge names a condition by one code ("type 2 diabetes
                // mellitus" E11.9) where the admission recorded a more specific one (E11.22).
                var recorded = diagnoses.GetValueOrDefault(note.HadmId!) ?? [];
                if (mention.Concept.Codes.Any(c => recorded.Any(r => r[..3] == KnowledgeLexicon.WithoutDot(c.Code)[..3])))
                {
                    diagnosisRecorded++;
                }
            }

            foreach (var section in analyzed.Sections.Where(s => s.Kind == SectionKind.DischargeMedications))
            {
                foreach (var line in note.Text.Substring(section.Body.Start, section.Body.Length).Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)))
                {
                    medicationLines++;
                    int start = note.Text.IndexOf(line, section.Body.Start, StringComparison.Ordinal);
                    var drug = analyzed.Mentions.FirstOrDefault(m => m.Concept.Kind == ConceptKind.Drug && m.Range.Start >= start && m.Range.Start < start + line.Length);
                    if (drug is null)
                    {
                        continue;
                    }

                    drugLinesCoded++;
                    if (drug.Concept.Codes.Any(c => c.System == CodeSystems.Atc && prescribed.GetValueOrDefault(note.HadmId!)?.Contains(c.Code) == true))
                    {
                        drugsPrescribed++;
                    }
                }
            }
        }

        output.WriteLine($"summaries {summaries}, principal found {principalFound}; diagnosis mentions {diagnosisMentions}, recorded {diagnosisRecorded}; medication lines {medicationLines}, coded {drugLinesCoded}, prescribed in the stay {drugsPrescribed}");
        Assert.True(summaries >= 20);
        Assert.True(principalFound >= 0.95 * summaries, $"principal diagnosis found in {principalFound} of {summaries} discharge summaries");
        Assert.True(diagnosisMentions >= summaries && diagnosisRecorded >= 0.9 * diagnosisMentions, $"{diagnosisRecorded} of {diagnosisMentions} discharge diagnoses are codes the admission recorded");
        Assert.True(medicationLines >= summaries && drugLinesCoded >= 0.98 * medicationLines, $"{drugLinesCoded} of {medicationLines} discharge medication lines coded");
        Assert.True(drugsPrescribed >= 0.9 * drugLinesCoded, $"{drugsPrescribed} of {drugLinesCoded} discharge drugs were prescribed in the stay");
    }

    [Fact]
    public void Affirmed_symptoms_in_admission_notes_belong_to_the_admission_reason_and_denied_ones_are_negated()
    {
        var lexicon = KnowledgeLexicon.Load(hospital.Extract);
        var analyzer = new ClinicalNoteAnalyzer(lexicon);
        var principal = ReadCodes(Path.Combine(hospital.Extract, "DIAGNOSES_ICD.csv"), "ICD_CODE", principalOnly: true);
        var symptomsOf = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        using (var reader = new StreamReader(Path.Combine(hospital.Extract, KnowledgeLexicon.SymptomFile)))
        {
            var records = new CsvRecords(reader);
            records.Next();
            while (records.Next() is { Length: >= 5 } row)
            {
                string code = KnowledgeLexicon.WithoutDot(row[1]);
                (symptomsOf.TryGetValue(code, out var set) ? set : symptomsOf[code] = new HashSet<string>(StringComparer.Ordinal)).Add(row[4]);
            }
        }

        int affirmed = 0, expected = 0, negated = 0;
        foreach (var note in hospital.Notes.Where(n => !IsDischargeSummary(n) && n.HadmId is not null && principal.ContainsKey(n.HadmId)))
        {
            var reason = principal[note.HadmId!];
            var allowed = reason.SelectMany(code => symptomsOf.GetValueOrDefault(code) ?? []).ToHashSet(StringComparer.Ordinal);
            foreach (var mention in analyzer.Analyze(note.Text).Mentions.Where(m => m.Concept.Kind == ConceptKind.Symptom && m.Section == SectionKind.HistoryOfPresentIllness))
            {
                string? snomed = mention.Concept.Codes.FirstOrDefault(c => c.System == CodeSystems.SnomedCt)?.Code;
                if (mention.Assertion.Negated)
                {
                    negated++;
                }
                else if (mention.Assertion.IsAffirmed && snomed is not null)
                {
                    affirmed++;
                    expected += allowed.Contains(snomed) ? 1 : 0;

                }
            }
        }

        output.WriteLine($"HPI symptoms: affirmed {affirmed} ({expected} among the reason's symptoms), negated {negated}");
        Assert.True(affirmed >= 20 && negated >= 20);
        Assert.True(expected >= 0.9 * affirmed, $"{expected} of {affirmed} affirmed HPI symptoms belong to the admission reason");
    }

    [Fact]
    public void A_knowledge_file_without_a_needed_column_names_the_file_and_the_column()
    {
        string folder = Path.Combine(hospital.Folder, "broken-knowledge-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "knowledge"));
        File.WriteAllText(Path.Combine(folder, KnowledgeLexicon.SymptomFile), "disease_system,disease_code,disease_name,symptom\nICD10CM,A41.9,Sepsis,fever\n");
        File.Copy(Path.Combine(hospital.Extract, KnowledgeLexicon.DrugFile), Path.Combine(folder, KnowledgeLexicon.DrugFile));

        var error = Assert.Throws<GalenInputException>(() => KnowledgeLexicon.Load(folder));
        Assert.Contains("disease_symptom.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("symptom_name", error.Message, StringComparison.Ordinal);
    }

    // The annotations do not carry NOTEEVENTS.CATEGORY; discharge summaries say what they are.
    private static bool IsDischargeSummary(AnnotatedNote note) => note.Text.Contains("DISCHARGE SUMMARY", StringComparison.OrdinalIgnoreCase);

    /// <summary>Codes per HADM_ID from a MIMIC-style table (ICD codes without dots, as the table writes them).</summary>
    private static Dictionary<string, HashSet<string>> ReadCodes(string path, string column, bool principalOnly)
    {
        var codes = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        using var reader = new StreamReader(path);
        var records = new CsvRecords(reader);
        var header = records.Next()!;
        int hadm = Array.IndexOf(header, "HADM_ID"), code = Array.IndexOf(header, column), seq = Array.IndexOf(header, "SEQ_NUM");
        while (records.Next() is { } row)
        {
            if (row.Length < header.Length || row[code].Length == 0 || (principalOnly && row[seq] != "1"))
            {
                continue;
            }

            (codes.TryGetValue(row[hadm], out var set) ? set : codes[row[hadm]] = new HashSet<string>(StringComparer.Ordinal)).Add(KnowledgeLexicon.WithoutDot(row[code]));
        }

        return codes;
    }
}
