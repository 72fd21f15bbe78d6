using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;

namespace Galen.Serve.Fhir;

/// <summary>
/// Parses and validates FHIR R4 JSON with the Firely SDK in strict mode (unknown elements, bad
/// primitives and cardinality errors are rejected), then checks what a prediction needs: exactly
/// one Patient, and every clinical resource about that patient.
/// </summary>
public sealed class FhirBundleReader
{
    private readonly FhirJsonDeserializer _deserializer = new(new DeserializerSettings());

    /// <summary>Parses any FHIR resource; throws <see cref="FhirInputException"/> listing every issue.</summary>
    public Resource ParseResource(ReadOnlySpan<byte> json, string what)
    {
        var reader = new Utf8JsonReader(json);
        Resource? resource;
        IEnumerable<CodedException>? issues;
        try
        {
            if (_deserializer.TryDeserializeResource(ref reader, out resource, out issues) && resource is not null)
            {
                return resource;
            }
        }
        catch (JsonException e)
        {
            throw new FhirInputException($"{what} is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).", []);
        }
        catch (DeserializationFailedException e)
        {
            issues = e.Exceptions;
        }

        var described = (issues ?? []).Select(Describe).Distinct(StringComparer.Ordinal).ToArray();
        throw new FhirInputException($"{what} is not valid FHIR R4.", described.Length == 0 ? ["the content could not be read as a FHIR resource."] : described);
    }

    /// <summary>Reads a <c>$predict</c> request body: a Bundle holding one patient's resources.</summary>
    public ClinicalBundle ReadBundle(ReadOnlySpan<byte> json)
    {
        var resource = ParseResource(json, "The request body");
        if (resource is not Bundle bundle)
        {
            throw new FhirInputException($"The request body is a {resource.TypeName}; a Bundle is required.", []);
        }

        var resources = new List<(Resource Resource, string? FullUrl, string Location)>();
        for (int i = 0; i < bundle.Entry.Count; i++)
        {
            if (bundle.Entry[i].Resource is { } r)
            {
                resources.Add((r, bundle.Entry[i].FullUrl, $"Bundle.entry[{i}].resource"));
            }
        }

        return Assemble(resources);
    }

    /// <summary>
    /// Builds a clinical bundle from loose resources (a CDS Hooks prefetch: a Patient plus search
    /// Bundles), with the same checks as <see cref="ReadBundle"/>.
    /// </summary>
    public ClinicalBundle Assemble(IReadOnlyList<(Resource Resource, string? FullUrl, string Location)> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var flat = new List<(Resource Resource, string? FullUrl, string Location)>();
        foreach (var item in resources)
        {
            if (item.Resource is Bundle nested)
            {
                for (int i = 0; i < nested.Entry.Count; i++)
                {
                    if (nested.Entry[i].Resource is { } r && nested.Entry[i].Search?.Mode != Bundle.SearchEntryMode.Outcome)
                    {
                        flat.Add((r, nested.Entry[i].FullUrl, $"{item.Location}.entry[{i}].resource"));
                    }
                }
            }
            else
            {
                flat.Add(item);
            }
        }

        var patients = flat.Where(r => r.Resource is Patient).ToArray();
        if (patients.Length != 1)
        {
            throw new FhirInputException($"Exactly one Patient is required; found {patients.Length}.", []);
        }

        var patient = (Patient)patients[0].Resource;
        var patientReferences = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(patient.Id))
        {
            patientReferences.Add("Patient/" + patient.Id);
        }

        if (!string.IsNullOrEmpty(patients[0].FullUrl))
        {
            patientReferences.Add(patients[0].FullUrl!);
        }

        var issues = new List<string>();
        void CheckSubject(ResourceReference? subject, string location)
        {
            if (subject?.Reference is not { } reference)
            {
                issues.Add($"{location}.subject: missing; it must refer to the bundle's Patient.");
            }
            else if (!patientReferences.Contains(reference) && !patientReferences.Any(p => reference.EndsWith("/" + p, StringComparison.Ordinal)))
            {
                issues.Add($"{location}.subject: refers to a different patient than the bundle's Patient.");
            }
        }

        var encounters = new List<Encounter>();
        var conditions = new List<Condition>();
        var observations = new List<Observation>();
        var medicationRequests = new List<MedicationRequest>();
        var medicationStatements = new List<MedicationStatement>();
        var procedures = new List<Procedure>();
        var medicationAdministrations = new List<MedicationAdministration>();
        foreach (var (resource, _, location) in flat)
        {
            switch (resource)
            {
                case Encounter e:
                    CheckSubject(e.Subject, location);
                    encounters.Add(e);
                    break;
                case Condition c:
                    CheckSubject(c.Subject, location);
                    conditions.Add(c);
                    break;
                case Observation o:
                    CheckSubject(o.Subject, location);
                    observations.Add(o);
                    break;
                case MedicationRequest m:
                    CheckSubject(m.Subject, location);
                    medicationRequests.Add(m);
                    break;
                case MedicationStatement s:
                    CheckSubject(s.Subject, location);
                    medicationStatements.Add(s);
                    break;
                case Procedure p:
                    CheckSubject(p.Subject, location);
                    procedures.Add(p);
                    break;
                case MedicationAdministration a:
                    CheckSubject(a.Subject, location);
                    medicationAdministrations.Add(a);
                    break;
                default:
                    // Other resources (Practitioner, Organization, Medication…) may ride along; they are not features.
                    break;
            }
        }

        if (issues.Count > 0)
        {
            throw new FhirInputException("The bundle mixes patients or has resources without a subject.", issues);
        }

        return new ClinicalBundle(patient, encounters, conditions, observations, medicationRequests, medicationStatements, procedures, medicationAdministrations);
    }

    private static string Describe(CodedException issue)
    {
        // The message may quote the offending value: it goes back to the caller who sent it and never to logs.
        string location = issue switch
        {
            ExtendedCodedException extended when extended.InstancePath is { } path => path,
            _ => "(unknown location)",
        };
        return $"{location}: {issue.ErrorCode} {issue.Message.Split(" At ", 2)[0]}";
    }
}
