using System.Text.Json;
using Galen.Serve.Fhir;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Galen.Cli.Tests.Serving;

/// <summary>A CDS Hooks <c>patient-view</c> request body whose prefetch holds one patient's FHIR resources as search sets.</summary>
internal static class CdsPatientView
{
    public static string Request(ClinicalBundle bundle)
    {
        var prefetch = new Dictionary<string, Resource>
        {
            ["patient"] = bundle.Patient,
            ["encounters"] = SearchSet(bundle.Encounters),
            ["conditions"] = SearchSet(bundle.Conditions),
            ["procedures"] = SearchSet(bundle.Procedures),
            ["observations"] = SearchSet(bundle.Observations),
            ["medications"] = SearchSet(bundle.MedicationRequests),
        };
        var serializer = new FhirJsonSerializer();
        var request = new Dictionary<string, object>
        {
            ["hook"] = "patient-view",
            ["hookInstance"] = Guid.NewGuid().ToString(),
            ["context"] = new { userId = "Practitioner/1", patientId = bundle.Patient.Id },
            ["prefetch"] = prefetch.ToDictionary(p => p.Key, p => (object)JsonDocument.Parse(serializer.SerializeToString(p.Value)).RootElement.Clone()),
        };
        return JsonSerializer.Serialize(request);
    }

    private static Bundle SearchSet(IEnumerable<Resource> resources)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset };
        foreach (var resource in resources)
        {
            bundle.Entry.Add(new Bundle.EntryComponent { Resource = resource, Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match } });
        }

        return bundle;
    }
}
