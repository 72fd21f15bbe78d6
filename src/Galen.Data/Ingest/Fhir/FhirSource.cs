using System.Globalization;
using System.Text;
using System.Text.Json;
using Galen.Core.Errors;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Galen.Data.Ingest.Fhir;

/// <summary>
/// Ingests FHIR R4 JSON Bundles (<c>*.json</c>) and bulk-export NDJSON (<c>*.ndjson</c>), plain or
/// .gz, from a file or a folder. Three streaming passes over the new files — Patients, then
/// Encounters, then everything that refers to them — so references resolve whatever order the
/// files and entries come in, without holding a file in memory. All new files are stored in one
/// transaction.
/// </summary>
internal static class FhirSource
{
    // Parse without profile validation: Galen checks the elements it stores itself (a missing
    // status or a dateTime without a time zone should not cost a lab result).
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings
    {
        AcceptUnknownMembers = true,
        AllowUnrecognizedEnums = true,
        Validator = null,
    });

    public static void Ingest(IngestSession session, string path)
    {
        var files = Discover(session, path);
        var contexts = new List<FileContext>();
        var unused = new SortedDictionary<string, long>(StringComparer.Ordinal);
        session.InTransaction(() =>
        {
            foreach (var file in files)
            {
                if (session.BeginFile(file, file.Name) is { } context)
                {
                    contexts.Add(context);
                }
            }

            var resources = new FhirResources(session);
            var typesByFile = new Dictionary<FileContext, HashSet<string>>();
            for (int pass = 0; pass < FhirResources.Passes.Length; pass++)
            {
                var wanted = FhirResources.Passes[pass];
                bool last = pass == FhirResources.Passes.Length - 1;
                foreach (var context in contexts)
                {
                    if (pass > 0)
                    {
                        if (!typesByFile[context].Overlaps(wanted) && !(last && typesByFile[context].Any(t => !FhirResources.Passes.Any(p => p.Contains(t)))))
                        {
                            continue; // the file holds nothing for this pass
                        }

                        context.Reopen();
                    }

                    context.Stage = $"{context.File.Name} ({string.Join('/', wanted.Take(2))}{(wanted.Length > 2 ? ", …" : string.Empty)})";
                    var types = Read(session, context, resources, wanted, pass == 0, last, unused);
                    if (pass == 0)
                    {
                        typesByFile[context] = types;
                    }
                }
            }

            foreach (var context in contexts)
            {
                session.CompleteFile(context, context.File.Name);
            }
        });

        if (unused.Count > 0)
        {
            session.Note("Not used (resource types Galen does not store): " + string.Join(", ", unused.Select(u => string.Create(CultureInfo.InvariantCulture, $"{u.Value:N0} {u.Key}"))) + ".");
        }
    }

    /// <summary>One pass over one file: stores the resources of the wanted types; returns the types seen.</summary>
    private static HashSet<string> Read(IngestSession session, FileContext context, FhirResources resources, string[] wanted, bool first, bool last, SortedDictionary<string, long> unused)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var reader = new FhirResourceReader(context.Content, ndjson: context.File.Table == "NDJSON");
        var raw = new CurrentJson();
        context.RawSource = raw;
        while (reader.Next(out var resource))
        {
            raw.Json = resource.Json;
            if (resource.Problem is { } problem)
            {
                if (first)
                {
                    context.BeginRecord(resource.Line, resource.Entry);
                    context.Reject("resource", null, QuarantineReason.MalformedRecord, problem);
                }

                continue;
            }

            if (FhirJson.ResourceType(resource.Json.Span) is not { } type)
            {
                if (first)
                {
                    context.BeginRecord(resource.Line, resource.Entry);
                    context.Reject("resource", "resourceType", QuarantineReason.MalformedRecord, "the JSON has no resourceType or is not valid JSON");
                }

                continue;
            }

            seen.Add(type);
            bool known = FhirResources.Passes.Any(p => p.Contains(type));
            if (!wanted.Contains(type) && !(last && !known))
            {
                continue;
            }

            context.BeginRecord(resource.Line, resource.Entry);
            if (!known)
            {
                context.NotUse();
                unused[type] = unused.GetValueOrDefault(type) + 1;
                continue;
            }

            var json = new Utf8JsonReader(resource.Json.Span);
            bool ok;
            Resource? parsed;
            IEnumerable<Hl7.Fhir.Utility.CodedException>? issues;
            try
            {
                ok = Deserializer.TryDeserializeResource(ref json, out parsed, out issues);
            }
            catch (JsonException)
            {
                context.Reject(TableOf(type), null, QuarantineReason.MalformedRecord, $"the {type} is not valid JSON");
                continue;
            }

            context.RecordId = parsed?.Id is { } id ? $"{type}/{id}" : null;
            if (!ok || parsed is null)
            {
                // Error codes only: Firely's messages can quote the offending value.
                string codes = string.Join(", ", (issues ?? []).Select(i => i.ErrorCode).Distinct().Take(5));
                context.Reject(TableOf(type), null, QuarantineReason.InvalidValue, $"the {type} does not read as FHIR R4 ({codes})");
                continue;
            }

            try
            {
                resources.Store(context, parsed);
            }
            catch (Hl7.Fhir.Validation.CodedValidationException e)
            {
                // Without up-front validation a malformed primitive (a decimal that is text) surfaces when read.
                session.DiscardPartialRows();
                context.Reject(TableOf(type), null, QuarantineReason.InvalidValue, $"the {type} holds a value of the wrong type ({e.ErrorCode})");
            }
        }

        context.ReportProgress();
        return seen;
    }

    private static string TableOf(string type) => type switch
    {
        "Patient" => "person",
        "Encounter" => "visit_occurrence",
        "Condition" => "condition_occurrence",
        "Procedure" => "procedure_occurrence",
        "MedicationRequest" or "MedicationAdministration" => "drug_exposure",
        "Observation" => "measurement",
        _ => "note",
    };

    /// <summary>
    /// The FHIR files of a file or a folder, subfolders included (a synthetic hospital keeps its
    /// per-patient Bundles in <c>bundles/</c>), in path order; files in subfolders are named by
    /// their relative path. A synthetic hospital's manifest.json is not FHIR.
    /// </summary>
    private static List<SourceFile> Discover(IngestSession session, string path)
    {
        bool folder = !File.Exists(path);
        var candidates = folder
            ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Select(f => (Path: f, Name: Path.GetRelativePath(path, f).Replace('\\', '/'))).OrderBy(f => f.Name, StringComparer.Ordinal).ToList()
            : [(Path: path, Name: Path.GetFileName(path))];
        var files = new List<SourceFile>();
        foreach (var (candidate, relative) in candidates)
        {
            string name = Path.GetFileName(candidate);
            string bare = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name;
            string? display = relative == name ? null : relative;
            if (bare.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase))
            {
                files.Add(new SourceFile(candidate, "NDJSON", display));
            }
            else if (bare.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !(folder && Synthetic.SyntheticHospitalManifest.TryRead(candidate) is not null))
            {
                files.Add(new SourceFile(candidate, "BUNDLE", display));
            }
            else
            {
                session.NotATable(relative);
            }
        }

        if (files.Count == 0)
        {
            throw new GalenInputException("holds no FHIR JSON (*.json Bundles or *.ndjson bulk export).", new SourceLocation(path));
        }

        return files;
    }

    /// <summary>The resource being read, for the quarantine's raw record.</summary>
    private sealed class CurrentJson : IRawRecordSource
    {
        public ReadOnlyMemory<byte> Json { get; set; }

        public string CurrentRawRecord(int maxBytes) => Encoding.UTF8.GetString(Json.Span[..Math.Min(Json.Length, maxBytes)]);
    }
}
