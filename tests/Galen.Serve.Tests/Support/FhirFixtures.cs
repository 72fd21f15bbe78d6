using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Galen.Serve.Tests.Support;

/// <summary>FHIR resources for tests, built with the SDK's POCOs.</summary>
internal static class FhirFixtures
{
    public const string PatientId = "pat-zq-4471";
    public const string PatientName = "Zebediah";
    public const string PatientFamily = "Quimbleworth";

    public static Patient Patient(string id = PatientId) => new()
    {
        Id = id,
        Name = [new HumanName { Given = [PatientName], Family = PatientFamily }],
        BirthDate = "1943-05-17",
        Gender = AdministrativeGender.Female,
        Identifier = [new Identifier("urn:oid:2.16.840.1.113883.19.5", "MRN-99887766")],
    };

    public static Encounter Encounter(string patientId = PatientId) => new()
    {
        Id = "enc-1",
        Status = Hl7.Fhir.Model.Encounter.EncounterStatus.InProgress,
        Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter"),
        Subject = new ResourceReference("Patient/" + patientId),
        Period = new Period { Start = "2024-03-08T10:00:00Z" },
    };

    public static Condition Diabetes(string patientId = PatientId) => new()
    {
        Id = "cond-1",
        Subject = new ResourceReference("Patient/" + patientId),
        Code = new CodeableConcept(CodeFeatureExtractor.Icd10, "E11.9", "Type 2 diabetes mellitus without complications"),
        ClinicalStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"),
    };

    public static Observation Lab(string id, string loinc, decimal value, string unit, DateTimeOffset at, string patientId = PatientId) => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Subject = new ResourceReference("Patient/" + patientId),
        Code = new CodeableConcept(CodeFeatureExtractor.Loinc, loinc),
        Effective = new FhirDateTime(at),
        Value = new Quantity(value, unit),
    };

    public static MedicationRequest Metformin(string patientId = PatientId) => new()
    {
        Id = "med-1",
        Status = MedicationRequest.MedicationrequestStatus.Active,
        Intent = MedicationRequest.MedicationRequestIntent.Order,
        Subject = new ResourceReference("Patient/" + patientId),
        Medication = new CodeableConcept("http://www.nlm.nih.gov/research/umls/rxnorm", "860975", "metformin 500 MG"),
    };

    /// <summary>
    /// <paramref name="observations"/> observations cycling through creatinine, lactate and heart
    /// rate, the last of each being 2.4 mg/dL, 3.3 mmol/L and 112 /min.
    /// </summary>
    public static List<Observation> Observations(int observations, string patientId = PatientId)
    {
        var list = new List<Observation>();
        var start = new DateTimeOffset(2024, 3, 8, 12, 0, 0, TimeSpan.Zero);
        (string Code, string Unit, decimal Last)[] kinds = [("2160-0", "mg/dL", 2.4m), ("2524-7", "mmol/L", 3.3m), ("8867-4", "/min", 112m)];
        for (int i = 0; i < observations; i++)
        {
            var kind = kinds[i % 3];
            bool lastOfKind = i + 3 >= observations;
            decimal value = lastOfKind ? kind.Last : kind.Last * 0.8m;
            list.Add(Lab($"obs-{i}", kind.Code, value, kind.Unit, start.AddHours(i), patientId));
        }

        return list;
    }

    /// <summary>Feature values the extractor should find in <see cref="PredictBundle"/> at <paramref name="asOf"/>.</summary>
    public static Dictionary<string, double> ExpectedFeatures(DateTimeOffset asOf) => new()
    {
        ["age"] = (asOf - new DateTimeOffset(1943, 5, 17, 0, 0, 0, TimeSpan.Zero)).TotalDays / 365.25,
        ["creatinine"] = 2.4,
        ["lactate"] = 3.3,
        ["heart_rate"] = 112,
        ["diabetes"] = 1,
    };

    public static Bundle PredictBundle(int observations = 12)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Collection };
        void Add(Resource r) => bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:uuid:{Guid.NewGuid()}", Resource = r });
        Add(Patient());
        Add(Encounter());
        Add(Diabetes());
        foreach (var o in Observations(observations))
        {
            Add(o);
        }

        Add(Metformin());
        return bundle;
    }

    public static Bundle SearchSet(IEnumerable<Resource> resources)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset };
        foreach (var r in resources)
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"http://ehr.test/fhir/{r.TypeName}/{r.Id}", Resource = r, Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match } });
        }

        bundle.Total = bundle.Entry.Count;
        return bundle;
    }

    public static string Json(Resource resource) => new FhirJsonSerializer().SerializeToString(resource);
}
