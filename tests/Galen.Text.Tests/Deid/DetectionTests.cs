using Galen.Core.Privacy;
using Galen.Text.Deid.Detection;

namespace Galen.Text.Tests.Deid;

public sealed class DetectionTests
{
    private static void AssertFound(LayeredPhiDetector detector, string text, string phi, PhiType type)
    {
        int start = text.IndexOf(phi, StringComparison.Ordinal);
        Assert.True(start >= 0, "test text lacks the PHI");
        var findings = detector.Detect(text);
        var covering = findings.Where(f => f.Start <= start && f.End >= start + phi.Length).ToArray();
        Assert.True(covering.Length == 1, $"'{phi}' not covered in: {text}\nfound: {string.Join(", ", findings.Select(f => $"{f.Type}:{text.Substring(f.Start, f.Length)}"))}");
        Assert.Equal(type, covering[0].Type);
    }

    [Theory]
    [InlineData("Admitted on 3/4/21 for pneumonia.", "3/4/21", PhiType.Date)]
    [InlineData("Seen 03/04/2021 in clinic.", "03/04/2021", PhiType.Date)]
    [InlineData("Surgery on March 4th was uneventful.", "March 4th", PhiType.Date)]
    [InlineData("Biopsy 04-Mar-2021 showed no tumor.", "04-Mar-2021", PhiType.Date)]
    [InlineData("She returns on the 4th for labs.", "4th", PhiType.Date)]
    [InlineData("Diagnosed with diabetes in 2021.", "2021", PhiType.Date)]
    [InlineData("CT on 2021-03-04 was negative.", "2021-03-04", PhiType.Date)]
    [InlineData("Last colonoscopy 4 March 2021.", "4 March 2021", PhiType.Date)]
    [InlineData("Seen Mar. 4, 2021 by cardiology.", "Mar. 4, 2021", PhiType.Date)]
    [InlineData("She is a 92-year-old woman with CHF.", "92", PhiType.Age)]
    [InlineData("97 yo M with sepsis.", "97", PhiType.Age)]
    [InlineData("Call her at (617) 555-0123 tomorrow.", "(617) 555-0123", PhiType.Phone)]
    [InlineData("Records faxed, fax: 617-555-0199.", "617-555-0199", PhiType.Fax)]
    [InlineData("Email jdoe82@example.com with results.", "jdoe82@example.com", PhiType.Email)]
    [InlineData("SSN 123-45-6789 on file.", "123-45-6789", PhiType.Ssn)]
    [InlineData("MRN: 00412345", "00412345", PhiType.Mrn)]
    [InlineData("Medical record number 4471-221", "4471-221", PhiType.Mrn)]
    [InlineData("Member ID XQH884120031 (BCBS).", "XQH884120031", PhiType.HealthPlanNumber)]
    [InlineData("Account # 99812345 billed.", "99812345", PhiType.AccountNumber)]
    [InlineData("DEA # AB1234563 on the prescription.", "AB1234563", PhiType.LicenseNumber)]
    [InlineData("Drove in; license plate 7ABC123 noted.", "7ABC123", PhiType.VehicleIdentifier)]
    [InlineData("VIN 1HGCM82633A004352 recorded.", "1HGCM82633A004352", PhiType.VehicleIdentifier)]
    [InlineData("Pacemaker serial number PJN812330H checked.", "PJN812330H", PhiType.DeviceIdentifier)]
    [InlineData("Results at https://portal.example.org/r/123 now.", "https://portal.example.org/r/123", PhiType.Url)]
    [InlineData("Login from 192.168.10.24 noted.", "192.168.10.24", PhiType.IpAddress)]
    [InlineData("Lives at 1204 Oak Street, Springfield, IL 62704.", "1204 Oak Street", PhiType.StreetAddress)]
    [InlineData("Lives at 1204 Oak Street, Springfield, IL 62704.", "Springfield", PhiType.City)]
    [InlineData("Lives at 1204 Oak Street, Springfield, IL 62704.", "62704", PhiType.Zip)]
    [InlineData("Transferred from Boston Medical Center yesterday.", "Boston Medical Center", PhiType.Organization)]
    [InlineData("Seen at St. Mary's Hospital last year.", "St. Mary's Hospital", PhiType.Organization)]
    [InlineData("Seen by Dr. Hargreave in clinic.", "Hargreave", PhiType.ClinicianName)]
    [InlineData("Note signed: Jane Okafor, MD", "Jane Okafor", PhiType.ClinicianName)]
    [InlineData("Her daughter Priya was at the bedside.", "Priya", PhiType.RelativeName)]
    [InlineData("Patient: Jonas Whitfield\nDOB 01/02/1950", "Jonas Whitfield", PhiType.PatientName)]
    [InlineData("Mr. Whitfield reports chest pain.", "Whitfield", PhiType.PatientName)]
    public void The_pattern_and_dictionary_layers_find_each_identifier_type(string text, string phi, PhiType type) =>
        AssertFound(TrainedDetector.PatternsAndDictionaries, text, phi, type);

    [Theory]
    [InlineData("Maria Lopez is doing well today.", "Maria Lopez")]
    [InlineData("Lives in Chicago with her son.", "Chicago")]
    public void The_dictionary_layer_finds_known_names_and_cities_without_a_cue(string text, string phi)
    {
        var findings = new List<PhiFinding>();
        new DictionaryDetector().Detect(text, findings);
        int start = text.IndexOf(phi, StringComparison.Ordinal);
        Assert.Contains(findings, f => f.Start == start && f.Length == phi.Length);
    }

    [Theory]
    [InlineData("Blood pressure 120/80, heart rate 72, temperature 37.2.")]
    [InlineData("Take 1/2 tablet of metoprolol 25 mg twice daily for 3 days.")]
    [InlineData("Patient has Parkinson disease and a positive Babinski sign.")]
    [InlineData("A 67-year-old man with COPD and type 2 diabetes mellitus.")]
    [InlineData("Continue lisinopril 10 mg daily. Follow up in 2 weeks.")]
    public void Ordinary_clinical_text_is_left_alone(string text)
    {
        var findings = TrainedDetector.All.Detect(text);
        Assert.True(findings.Count == 0, string.Join(", ", findings.Select(f => $"{f.Type}:{text.Substring(f.Start, f.Length)}")));
    }

    [Fact]
    public void The_learned_layer_finds_a_name_no_dictionary_holds_from_its_context()
    {
        const string text = "Spoke with the patient's wife Zorvanka Quelldrip about the plan.";
        Assert.DoesNotContain(TrainedDetector.PatternsAndDictionaries.Detect(text), f => text.Substring(f.Start, f.Length).Contains("Quelldrip", StringComparison.Ordinal) && f.Layer == DetectionLayer.Dictionary);
        var findings = TrainedDetector.All.Detect(text);
        Assert.Contains(findings, f => text.Substring(f.Start, f.Length).Contains("Quelldrip", StringComparison.Ordinal));
    }

    [Fact]
    public void A_name_found_once_is_hidden_everywhere_in_the_note()
    {
        const string text = "Caller: Oskvaldo Brintree (nephew).\nOskvaldo states the patient fell.";
        var findings = TrainedDetector.PatternsAndDictionaries.Detect(text);
        int second = text.LastIndexOf("Oskvaldo", StringComparison.Ordinal);
        Assert.Contains(findings, f => f.Start <= second && f.End >= second + "Oskvaldo".Length);
    }

    // Names that are also common words: hidden where the context says they are names (real surnames such as Smith,
    // Brown, Grant and Green are among the most frequent in the US).
    [Theory]
    [InlineData("Emergency contact: daughter Sabrina Grant, +1 568 632 2297.", "Sabrina Grant", PhiType.RelativeName)]
    [InlineData("Patient: Grace Weber    MRN: 070718312", "Grace Weber", PhiType.PatientName)]
    [InlineData("Dictated by Kemmer, Ed MD (see chart).", "Kemmer, Ed", PhiType.ClinicianName)]
    [InlineData("Attending: Green, Ricardo MD\nPlan: rest.", "Green, Ricardo", PhiType.ClinicianName)]
    [InlineData("-- J. Hand, MD, Hospital Medicine", "J. Hand", PhiType.ClinicianName)]
    [InlineData("Patient: Darrin W. Will   MRN: 195756769", "Darrin W. Will", PhiType.PatientName)]
    [InlineData("HPI: Mr. Will is a 70 y/o man with COPD.", "Will", PhiType.PatientName)]
    [InlineData("Lives with his partner Ramona Will in town.", "Ramona Will", PhiType.RelativeName)]
    [InlineData("Attending physician: RUBY JOHNS, MD   Lic# MD581866", "RUBY JOHNS", PhiType.ClinicianName)]
    public void Names_that_are_common_words_are_found_next_to_a_cue_or_another_name(string text, string phi, PhiType type) =>
        AssertFound(TrainedDetector.PatternsAndDictionaries, text, phi, type);

    [Fact]
    public void A_name_that_is_a_common_word_is_found_beside_a_name_the_layers_found()
    {
        const string text = "HISTORY & PHYSICAL\n\nGRANT, PATTY (80 y/o woman), MRN 855825747, seen today.\nJoy Turner was seen.";
        var findings = TrainedDetector.All.Detect(text);
        foreach (var word in new[] { "GRANT", "PATTY" })
        {
            int at = text.IndexOf(word, StringComparison.Ordinal);
            Assert.Contains(findings, f => f.Start <= at && f.End >= at + word.Length && f.Type is PhiType.PatientName or PhiType.RelativeName or PhiType.ClinicianName);
        }
    }

    [Theory]
    [InlineData("Social history: Lives in South Barney. Never smoker.", "South Barney", PhiType.City)]
    [InlineData("Lives with her wife Brandi in New Melynamouth. Drinks socially.", "New Melynamouth", PhiType.City)]
    [InlineData("Retired teacher; lives in Zettaview, OK with her friend.", "Zettaview", PhiType.City)]
    [InlineData("Retired teacher; lives in Zettaview, OK with her friend.", "OK", PhiType.State)]
    [InlineData("Address: 8290 Hank Squares, Port Brionna, MD 06024", "Port Brionna", PhiType.City)]
    [InlineData("Address: 202 Waino Burgs, West Nellaborough, IN 31709", "202 Waino Burgs", PhiType.StreetAddress)]
    [InlineData("Address: 991 Robb Centers, New Johnny, CA 87357", "991 Robb Centers", PhiType.StreetAddress)]
    [InlineData("address: 9608 14th trail, kozienice", "9608 14th trail", PhiType.StreetAddress)]
    [InlineData("DISCHARGE SUMMARY\nPort Lavon General Hospital\n", "Port Lavon General Hospital", PhiType.Organization)]
    [InlineData("Transferred to Serpa Behavioral Health for care.", "Serpa Behavioral Health", PhiType.Organization)]
    [InlineData("Son Isla asks about clopidogrel.", "Isla", PhiType.RelativeName)]
    [InlineData("A copy goes to Mrs. Isaksson and to the clinic.", "Isaksson", PhiType.PatientName)]
    public void Places_streets_and_names_in_the_forms_the_synthetic_hospital_writes_are_found(string text, string phi, PhiType type) =>
        AssertFound(TrainedDetector.PatternsAndDictionaries, text, phi, type);

    [Theory]
    [InlineData("Left hemiparesis 3/5, dysarthria, left-sided neglect.")]
    [InlineData("Reports pain 7/10 in the left knee.")]
    [InlineData("Hgb 14.7, Plt 279, troponin 0.06, BNP 1996, INR 0.9.")]
    [InlineData("Sex: M\nInsurance: Medicare (member plan)")]
    [InlineData("Disposition: Skilled nursing facility. Condition at discharge: Fair.")]
    [InlineData("Works as a nurse. Lives alone. The patient was pronounced dead at 03:20.")]
    [InlineData("Diagnoses:\n- Acute kidney failure, unspecified\n- Plain Radiography of Chest")]
    [InlineData("VS: 38.0 C, 100 bpm, 97/62 mmHg, RR 19, sat 97%")]
    [InlineData("-- Glenn Brooks, MD, Orthopaedic Surgery")]
    public void Scores_lab_values_labels_and_clinical_vocabulary_are_not_phi(string text)
    {
        var findings = TrainedDetector.All.Detect(text);
        var allowed = new[] { "Glenn Brooks" };
        var wrong = findings.Where(f => !allowed.Contains(text.Substring(f.Start, f.Length))).ToArray();
        Assert.True(wrong.Length == 0, string.Join(", ", wrong.Select(f => $"{f.Type}/{f.Layer}:{text.Substring(f.Start, f.Length)}")));
    }

    [Fact]
    public void A_date_after_a_pain_word_in_the_previous_sentence_is_still_a_date()
    {
        const string text = "Two days of chest pain. Recent admission 10/10 for hip fracture.";
        AssertFound(TrainedDetector.PatternsAndDictionaries, text, "10/10", PhiType.Date);
    }

    [Fact]
    public void Overlapping_findings_keep_the_union_and_the_stronger_type()
    {
        const string text = "xx Alpha Beta Gamma yy";
        var findings = new List<PhiFinding>
        {
            new(3, 10, PhiType.PatientName, DetectionLayer.Dictionary),  // "Alpha Beta"
            new(9, 10, PhiType.Organization, DetectionLayer.Pattern),    // "Beta Gamma"
        };
        var resolved = FindingResolver.Resolve(text, findings);
        Assert.Equal(2, resolved.Count);
        Assert.Equal((3, 5, PhiType.PatientName), (resolved[0].Start, resolved[0].Length, resolved[0].Type));
        Assert.Equal((9, 10, PhiType.Organization), (resolved[1].Start, resolved[1].Length, resolved[1].Type));
    }
}
