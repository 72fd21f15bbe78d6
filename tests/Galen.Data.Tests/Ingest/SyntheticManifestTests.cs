using Galen.Data.Ingest;
using Galen.Data.Store;
using Galen.Data.Synthetic;

namespace Galen.Data.Tests.Ingest;

/// <summary>
/// A synthetic hospital's manifest.json tells ingest where the hospital's clock ends, so
/// <c>galen synth</c> then <c>galen ingest</c> needs no --latest-date, and FHIR folders from the
/// generator (manifest, ground truth, per-patient bundles in a subfolder) read as they are.
/// </summary>
public sealed class SyntheticManifestTests
{
    private static TempFolder CopyOfTinyMimic(string? manifest)
    {
        var folder = new TempFolder();
        foreach (var file in Directory.EnumerateFiles(TestData.Fixture("mimic-tiny")))
        {
            File.Copy(file, folder.File(Path.GetFileName(file)));
        }

        if (manifest is not null)
        {
            File.WriteAllText(folder.File(SyntheticHospitalManifest.FileName), manifest);
        }

        return folder;
    }

    private static string Manifest(string latestTime) =>
        $$"""{ "generator": "Galen synthetic hospital", "model_version": 1, "seed": 7, "format": "mimic", "complete": true, "latest_time": "{{latestTime}}", "files": [] }""";

    private static long FutureDates(IngestReport report) => report.Quarantine.Where(q => q.Reason == QuarantineReason.FutureDate).Sum(q => q.Count);

    [Fact]
    public void Ingest_checks_dates_against_the_latest_time_in_the_manifest()
    {
        // The fixture's events run to 2016; a hospital whose clock ended in 2015 makes the later ones impossible.
        using var folder = CopyOfTinyMimic(Manifest("2015-01-10T00:00:00"));
        using var store = ClinicalStore.InMemory();
        var report = store.Ingest(IngestFormat.Mimic, folder.Path, new IngestOptions());

        Assert.True(FutureDates(report) > 0);
        Assert.Contains(report.Notes, n => n.Contains("2015-01-10 00:00", StringComparison.Ordinal));
    }

    [Fact]
    public void A_given_latest_date_beats_the_manifest()
    {
        using var folder = CopyOfTinyMimic(Manifest("2015-01-10T00:00:00"));
        using var store = ClinicalStore.InMemory();
        var report = store.Ingest(IngestFormat.Mimic, folder.Path, new IngestOptions { LatestValidTime = new DateTime(2030, 1, 1) });

        Assert.Equal(0, FutureDates(report));
        Assert.DoesNotContain(report.Notes, n => n.Contains("synthetic hospital", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{ \"generator\": \"something else\", \"latest_time\": \"2015-01-10T00:00:00\" }")]
    [InlineData("not json")]
    public void A_manifest_of_anything_else_is_ignored(string manifest)
    {
        using var folder = CopyOfTinyMimic(manifest);
        using var store = ClinicalStore.InMemory();
        var report = store.Ingest(IngestFormat.Mimic, folder.Path, new IngestOptions());

        Assert.Equal(0, FutureDates(report)); // default limit: tomorrow
        Assert.Contains(report.Files, f => f.File == "manifest.json" && f.Outcome == FileOutcome.NotATable);
    }

    [Fact]
    public void Fhir_folders_are_read_with_their_subfolders_and_json_that_is_not_fhir_is_quarantined()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("bundles"));
        File.Copy(Path.Combine(TestData.Fixture("fhir-bundle"), "patient-1.json"), folder.File("bundles/patient-1.json"));
        File.WriteAllText(folder.File(SyntheticHospitalManifest.FileName), Manifest("2029-01-01T00:00:00"));
        File.WriteAllText(folder.File("settings.json"), "{ \"theme\": \"dark\" }");
        using var store = ClinicalStore.InMemory();
        var report = store.Ingest(IngestFormat.Fhir, folder.Path, new IngestOptions());

        Assert.Contains(report.Files, f => f.File == "bundles/patient-1.json" && f.Outcome == FileOutcome.Ingested && f.Accepted > 0);
        Assert.Contains(report.Files, f => f.File == "manifest.json" && f.Outcome == FileOutcome.NotATable);
        var bad = Assert.Single(report.Quarantine, q => q.File == "settings.json");
        Assert.Equal(QuarantineReason.MalformedRecord, bad.Reason);
        Assert.Contains("no resourceType", bad.FirstDetail, StringComparison.Ordinal);
        Assert.Equal(1, report.Files.Single(f => f.File == "settings.json").Quarantined);
    }
}
