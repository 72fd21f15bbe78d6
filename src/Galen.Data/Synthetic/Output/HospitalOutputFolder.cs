using Galen.Core.Errors;

namespace Galen.Data.Synthetic.Output;

/// <summary>Creates the writer for a format and guards the output folder.</summary>
public static class HospitalOutputFolder
{
    /// <summary>The writer for <paramref name="format"/> into <paramref name="directory"/>.</summary>
    /// <param name="format">Output format.</param>
    /// <param name="directory">Output folder.</param>
    /// <param name="compress">Gzip CSV tables (MIMIC and OMOP only).</param>
    /// <param name="layout">FHIR layout (FHIR only).</param>
    public static HospitalDirectoryWriter CreateWriter(SyntheticFormat format, string directory, bool compress = false, FhirLayout layout = FhirLayout.Ndjson)
    {
        if (compress && format == SyntheticFormat.Fhir)
        {
            throw new GalenConfigurationException("Compression applies to the CSV formats (mimic, omop), not to fhir.", "Leave out --gzip for FHIR output.");
        }

        return format switch
        {
            SyntheticFormat.Mimic => new MimicCsvWriter(directory, compress),
            SyntheticFormat.Omop => new OmopCsvWriter(directory, compress),
            SyntheticFormat.Fhir => new FhirWriter(directory, layout),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown format."),
        };
    }

    /// <summary>
    /// Makes <paramref name="directory"/> ready for a new hospital. A missing or empty folder is
    /// fine. A folder holding an earlier synthetic hospital (its manifest.json) is emptied of the
    /// files that manifest lists when <paramref name="overwrite"/> is set. Anything else is refused,
    /// so no unrelated file is ever deleted.
    /// </summary>
    public static void Prepare(string directory, bool overwrite)
    {
        if (!Directory.Exists(directory) || !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            return;
        }

        string manifest = Path.Combine(directory, SyntheticHospitalManifest.FileName);
        if (SyntheticHospitalManifest.TryRead(directory) is not { } hospital)
        {
            throw new GalenInputException("The output folder is not empty and holds no synthetic hospital.", new SourceLocation(directory),
                "Choose an empty or new folder.");
        }

        var files = hospital.Files;
        if (!overwrite)
        {
            throw new GalenInputException("The output folder already holds a synthetic hospital.", new SourceLocation(directory),
                "Pass --overwrite to replace it, or choose another folder.");
        }

        foreach (var relative in files)
        {
            if (relative == "bundles/*.json")
            {
                string bundles = Path.Combine(directory, "bundles");
                if (Directory.Exists(bundles))
                {
                    foreach (var file in Directory.EnumerateFiles(bundles, "*.json"))
                    {
                        File.Delete(file);
                    }
                }

                continue;
            }

            string full = Path.GetFullPath(Path.Combine(directory, relative));
            if (full.StartsWith(Path.GetFullPath(directory), StringComparison.Ordinal) && File.Exists(full))
            {
                File.Delete(full);
            }
        }

        File.Delete(manifest);
    }
}
