using Galen.Text.Nlp;
using Galen.Text.Nlp.Concepts;
using Galen.Text.Nlp.Context;
using Galen.Text.Nlp.Sections;
using Galen.Text.Nlp.Sentences;

namespace Galen.Text.Tests.Nlp;

public sealed class NlpTests
{
    private const string Note =
        "DISCHARGE SUMMARY\n" +
        "Chief Complaint: chest pain\n" +
        "HPI: 67 yo M with HTN and type 2 diabetes mellitus presents with chest pain and shortness of breath. " +
        "He denies fever or cough. Possible pneumonia on the outside films. Dr. Roe saw him on arrival.\n" +
        "PMH:\n1. hypertension\n2. atrial fibrillation\n" +
        "Medications: metformin 500 mg BID, lisinopril 10 mg daily\n" +
        "Allergies: penicillin\n" +
        "Family History: Mother with breast cancer.\n" +
        "Social History: quit smoking\n" +
        "PHYSICAL EXAM\nLungs clear. No edema.\n" +
        "A/P: Chest pain, MI was ruled out. Continue aspirin. No change in the edema but new wheezing.\n";

    [Fact]
    public void Sections_are_found_by_their_headers()
    {
        var sections = SectionSplitter.Split(Note);
        var kinds = sections.Select(s => s.Kind).ToArray();
        Assert.Equal(
            [SectionKind.Preamble, SectionKind.ChiefComplaint, SectionKind.HistoryOfPresentIllness, SectionKind.PastMedicalHistory, SectionKind.Medications,
             SectionKind.Allergies, SectionKind.FamilyHistory, SectionKind.SocialHistory, SectionKind.PhysicalExam, SectionKind.AssessmentAndPlan],
            kinds);
        var medications = sections.Single(s => s.Kind == SectionKind.Medications);
        Assert.Equal("metformin 500 mg BID, lisinopril 10 mg daily", medications.Body.In(Note).Trim());
        Assert.Equal("PHYSICAL EXAM", sections.Single(s => s.Kind == SectionKind.PhysicalExam).Header);
    }

    [Fact]
    public void Sentences_split_at_sentence_ends_and_list_items_but_not_at_abbreviations_or_wraps()
    {
        const string text = "Seen by Dr. Roe today. He was given 5 mg p.o. b.i.d. and improved.\nPlan:\n1. continue aspirin\n2. follow up in\nclinic next week";
        var sentences = SentenceSplitter.Split(text).Select(s => s.In(text)).ToArray();
        Assert.Equal(["Seen by Dr. Roe today.", "He was given 5 mg p.o. b.i.d. and improved.", "Plan:", "1. continue aspirin", "2. follow up in\nclinic next week"], sentences);
    }

    [Theory]
    [InlineData("He denies fever or chills.", "fever", true, false, false)]
    [InlineData("No evidence of pneumonia on imaging.", "pneumonia", true, false, false)]
    [InlineData("Pulmonary embolism was ruled out.", "embolism", true, false, false)]
    [InlineData("Possible pneumonia in the left lower lobe.", "pneumonia", false, true, false)]
    [InlineData("Rule out myocardial infarction.", "myocardial", false, true, false)]
    [InlineData("Mother with breast cancer.", "breast", false, false, true)]
    [InlineData("Family history of diabetes.", "diabetes", false, false, true)]
    [InlineData("No change in the edema since yesterday.", "edema", false, false, false)]
    [InlineData("No fever but worsening cough.", "cough", false, false, false)]
    [InlineData("Patient has a cough.", "cough", false, false, false)]
    [InlineData("Gram negative rods in sepsis.", "sepsis", false, false, false)]
    [InlineData("He has not had any leg swelling, abdominal pain, chest pain, headache or dysuria.", "dysuria", true, false, false)]
    [InlineData("She reports no dizziness, fever, melena, headache or cough.", "cough", true, false, false)]
    [InlineData("No fever; he reports cough, headache and nausea.", "nausea", false, false, false)]
    [InlineData("No fever at any time during the long stay in the ward and nausea.", "nausea", false, false, false)]
    public void Negation_uncertainty_and_family_context_follow_triggers_scopes_and_terminators(string sentence, string word, bool negated, bool uncertain, bool family)
    {
        int start = sentence.IndexOf(word, StringComparison.Ordinal);
        var assertion = new ContextAnalyzer().Analyze(sentence, new TextRange(0, sentence.Length), start, start + word.Length);
        Assert.Equal(new Assertion(negated, uncertain, family), assertion);
    }

    [Fact]
    public void Concepts_are_found_with_codes_sections_and_assertions()
    {
        var analysis = new ClinicalNoteAnalyzer().Analyze(Note);
        ConceptMention Mention(string code) => analysis.Mentions.First(m => m.Concept.Codes.Any(c => c.Key == code));

        var hypertension = Mention("ICD10CM:I10");
        Assert.Equal("HTN", hypertension.Range.In(Note));
        Assert.True(hypertension.Assertion.IsAffirmed);
        Assert.Equal(SectionKind.HistoryOfPresentIllness, hypertension.Section);
        Assert.True(Mention("SNOMED:386661006").Assertion.Negated);        // fever
        Assert.True(Mention("ICD10CM:J18.9").Assertion.Uncertain);           // possible pneumonia
        Assert.True(Mention("ICD10CM:C50.919").Assertion.FamilyHistory);     // mother's breast cancer
        Assert.True(Mention("ICD10CM:I21.9").Assertion.Negated);             // MI ruled out
        Assert.Equal(SectionKind.Medications, Mention("ATC:A10BA02").Section); // metformin
        Assert.Equal(SectionKind.PastMedicalHistory, Mention("ICD10CM:I48.91").Section);
        Assert.True(Mention("ICD10CM:R06.2").Assertion.IsAffirmed);          // new wheezing, after "but"
    }

    [Fact]
    public void Short_abbreviations_match_only_in_capitals()
    {
        var extractor = new ConceptExtractor(ConceptLexicon.Default);
        Assert.Contains(extractor.Find("History of MI and AF."), m => m.Entry.Term == "myocardial infarction");
        Assert.DoesNotContain(extractor.Find("we will mi the dose, af the end"), m => m.Entry.Term is "myocardial infarction" or "atrial fibrillation");
    }

    [Fact]
    public void A_lexicon_can_be_loaded_from_knowledge_lines_and_bad_lines_are_named()
    {
        var lexicon = ConceptLexicon.Parse(["disease\tgout\tpodagra\tICD10CM:M10.9|SNOMED:90560007"], "knowledge.tsv");
        var found = Assert.Single(new ConceptExtractor(lexicon).Find("Known podagra, on colchicine."));
        Assert.Equal("M10.9", found.Entry.Codes[0].Code);
        var error = Assert.Throws<Core.Errors.GalenInputException>(() => ConceptLexicon.Parse(["illness\tgout\t\tICD10CM:M10.9"], "knowledge.tsv"));
        Assert.Equal("kind", error.Location!.Field);
    }
}
