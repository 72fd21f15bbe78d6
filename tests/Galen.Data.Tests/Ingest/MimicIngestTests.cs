using System.IO.Compression;
using Galen.Core.Errors;
using Galen.Data.Ingest;
using Galen.Data.Store;

namespace Galen.Data.Tests.Ingest;

public sealed class MimicIngestTests
{
    [Fact]
    public void The_tiny_extract_is_stored_whole_with_nothing_quarantined()
    {
        using var store = ClinicalStore.InMemory();
        var report = store.Ingest(IngestFormat.Mimic, TestData.Fixture("mimic-tiny"), TestData.Options);

        Assert.Equal(0, report.Quarantined);
        Assert.All(report.Files, f => Assert.Equal(FileOutcome.Ingested, f.Outcome));
        Assert.All(report.Files, f => Assert.Equal(f.Records, f.Accepted));
        var counts = store.Counts().ToDictionary(c => c.Table, c => c.Rows);
        Assert.Equal(3, counts["person"]);
        Assert.Equal(6, counts["visit_occurrence"]);
        Assert.Equal(2, counts["visit_detail"]);
        Assert.Equal(9, counts["condition_occurrence"]);
        Assert.Equal(3, counts["procedure_occurrence"]);
        Assert.Equal(5, counts["drug_exposure"]);
        Assert.Equal(12 + 6, counts["measurement"]);
        Assert.Equal(1, counts["note"]);
        Assert.Equal(2, counts["death"]); // PATIENTS.DOD and ADMISSIONS.DEATHTIME for patient 1
    }

    [Fact]
    public void Codes_are_stored_as_system_and_dotted_code_pairs()
    {
        using var store = TestData.TinyStore();
        var concepts = StoreDump.Table(store, "concept");

        Assert.Contains(concepts, c => c.Contains("|ICD10CM|I50.9|", StringComparison.Ordinal));
        Assert.Contains(concepts, c => c.Contains("|ICD9CM|428.0|", StringComparison.Ordinal));
        Assert.Contains(concepts, c => c.Contains("|ICD9PROC|38.93|", StringComparison.Ordinal));
        Assert.Contains(concepts, c => c.Contains("|ICD10PCS|02HV33Z|", StringComparison.Ordinal));
        Assert.Contains(concepts, c => c.Contains("|ATC|A10BA02|Metformin|", StringComparison.Ordinal));
        Assert.Contains(concepts, c => c.Contains("|LOINC|2160-0|Creatinine|", StringComparison.Ordinal));
        Assert.Contains(concepts, c => c.Contains("|NDC|00093101501|", StringComparison.Ordinal));
    }

    [Fact]
    public void Ingesting_the_same_source_again_adds_nothing_and_keeps_the_fingerprint()
    {
        using var folder = TestData.NewFolder();
        string db = folder.File("galen.duckdb");
        string fingerprint;
        IReadOnlyList<string> before;
        using (var store = ClinicalStore.Open(db))
        {
            var first = store.Ingest(IngestFormat.Mimic, TestData.Fixture("mimic-tiny"), TestData.Options);
            fingerprint = first.Fingerprint;
            before = StoreDump.Table(store, "measurement");
        }

        using (var store = ClinicalStore.Open(db))
        {
            var second = store.Ingest(IngestFormat.Mimic, TestData.Fixture("mimic-tiny"), TestData.Options);

            Assert.True(second.NothingNew);
            Assert.All(second.Files, f => Assert.Equal(FileOutcome.AlreadyIngested, f.Outcome));
            Assert.Equal(fingerprint, second.Fingerprint);
            Assert.Equal(before, StoreDump.Table(store, "measurement"));
            Assert.Equal(3, store.Count("person"));
        }
    }

    [Fact]
    public void The_same_input_gives_the_same_store_content()
    {
        using var a = TestData.TinyStore();
        using var b = TestData.TinyStore();

        foreach (var table in new[] { "concept", "person", "death", "visit_occurrence", "visit_detail", "condition_occurrence", "procedure_occurrence", "drug_exposure", "measurement", "note", "item_map" })
        {
            Assert.Equal(StoreDump.Table(a, table), StoreDump.Table(b, table));
        }

        Assert.Equal(a.Fingerprint, b.Fingerprint);
    }

    [Fact]
    public void A_gzipped_copy_gives_the_same_rows_as_the_plain_files()
    {
        using var folder = TestData.NewFolder();
        foreach (var file in Directory.GetFiles(TestData.Fixture("mimic-tiny")))
        {
            using var input = File.OpenRead(file);
            using var output = new GZipStream(File.Create(folder.File(Path.GetFileName(file).ToLowerInvariant() + ".gz")), CompressionLevel.Fastest);
            input.CopyTo(output);
        }

        using var plain = TestData.TinyStore();
        using var zipped = ClinicalStore.InMemory();
        var report = zipped.Ingest(IngestFormat.Mimic, folder.Path, TestData.Options);

        Assert.Equal(11, report.Files.Count(f => f.Outcome == FileOutcome.Ingested));
        Assert.Equal(StoreDump.Table(plain, "measurement"), StoreDump.Table(zipped, "measurement"));
        Assert.Equal(StoreDump.Table(plain, "note"), StoreDump.Table(zipped, "note"));
    }

    [Fact]
    public void Long_notes_are_stored_whole_and_in_file_order()
    {
        // 24 notes of 1 MB: chunks of long text are handed to DuckDB after a few MB rather than
        // after 2,048 rows, so the store must still get every note, intact and in order.
        using var folder = TestData.NewFolder();
        File.WriteAllText(folder.File("PATIENTS.csv"), "SUBJECT_ID,GENDER,DOB,DOD\n1,F,1950-03-01,\n");
        File.WriteAllText(folder.File("ADMISSIONS.csv"), "SUBJECT_ID,HADM_ID,ADMITTIME,DISCHTIME,DEATHTIME\n1,10,2015-01-01 08:00:00,2015-01-05 12:00:00,\n");
        var texts = Enumerable.Range(0, 24).Select(i => $"Note {i}: " + new string((char)('a' + (i % 26)), 1 << 20) + $"\nsays \"end {i}\"").ToArray();
        using (var notes = new StreamWriter(folder.File("NOTEEVENTS.csv")))
        {
            notes.Write("ROW_ID,SUBJECT_ID,HADM_ID,CHARTDATE,CATEGORY,TEXT\n");
            for (int i = 0; i < texts.Length; i++)
            {
                notes.Write($"{i + 1},1,10,2015-01-0{1 + (i % 5)},Nursing,\"{texts[i].Replace("\"", "\"\"", StringComparison.Ordinal)}\"\n");
            }
        }

        using var file = TestData.NewFolder();
        using var store = ClinicalStore.Open(file.File("galen.duckdb"));
        var report = store.Ingest(IngestFormat.Mimic, folder.Path, TestData.Options);

        Assert.Equal(0, report.Quarantined);
        using var reader = Sql.Reader(store.Connection, "SELECT note_source_value, note_text FROM note ORDER BY note_id");
        var stored = new List<(string Row, string Text)>();
        while (reader.Read())
        {
            stored.Add((reader.GetString(0), reader.GetString(1)));
        }

        Assert.Equal(Enumerable.Range(1, texts.Length).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), stored.Select(s => s.Row));
        Assert.Equal(texts, stored.Select(s => s.Text));
    }

    [Fact]
    public void The_store_gets_its_own_memory_limit_back_after_an_ingest()
    {
        using var folder = TestData.NewFolder();
        using var store = ClinicalStore.Open(folder.File("galen.duckdb"), memoryLimit: "300MB");
        string before = Sql.Scalar<string>(store.Connection, "SELECT current_setting('memory_limit')")!;

        store.Ingest(IngestFormat.Mimic, TestData.Fixture("mimic-tiny"), TestData.Options with { DuckDbMemoryLimit = "128MB" });

        Assert.Equal(before, Sql.Scalar<string>(store.Connection, "SELECT current_setting('memory_limit')"));
    }

    [Fact]
    public void Mimic_iv_names_in_lower_case_are_read()
    {
        using var folder = TestData.NewFolder();
        File.WriteAllText(folder.File("patients.csv"), "subject_id,gender,anchor_age,anchor_year,dod\n7,F,52,2150,\n");
        File.WriteAllText(folder.File("admissions.csv"), "subject_id,hadm_id,admittime,dischtime,deathtime,race,hospital_expire_flag\n7,70,2150-03-01 10:00:00,2150-03-04 10:00:00,,ASIAN,0\n");
        File.WriteAllText(folder.File("diagnoses_icd.csv"), "subject_id,hadm_id,seq_num,icd_code,icd_version\n7,70,1,E1122,10\n7,70,2,25000,9\n");
        File.WriteAllText(folder.File("prescriptions.csv"), "subject_id,hadm_id,starttime,stoptime,drug,ndc,dose_val_rx,dose_unit_rx,route\n7,70,2150-03-01 12:00:00,2150-03-02 12:00:00,Insulin,,10,UNIT,SC\n");
        using var store = ClinicalStore.InMemory();
        var report = store.Ingest(IngestFormat.Mimic, folder.Path, new IngestOptions { LatestValidTime = new DateTime(2300, 1, 1) });

        Assert.Equal(0, report.Quarantined);
        var person = StoreDump.Table(store, "person").Single();
        Assert.Contains("|F|1/1/2098 00:00:00|ASIAN|", person.Replace("01/01/2098", "1/1/2098", StringComparison.Ordinal), StringComparison.Ordinal);
        var concepts = StoreDump.Table(store, "concept");
        Assert.Contains(concepts, c => c.Contains("|ICD10CM|E11.22|", StringComparison.Ordinal));
        Assert.Contains(concepts, c => c.Contains("|ICD9CM|250.00|", StringComparison.Ordinal));
        Assert.Contains(concepts, c => c.Contains("|DRUG_NAME|insulin|Insulin|", StringComparison.Ordinal));
    }

    [Fact]
    public void A_changed_file_for_a_table_already_loaded_is_refused_with_its_name()
    {
        using var folder = TestData.NewFolder();
        File.WriteAllText(folder.File("PATIENTS.csv"), "SUBJECT_ID,GENDER,DOB\n1,F,1950-01-01\n");
        using var store = ClinicalStore.InMemory();
        store.Ingest(IngestFormat.Mimic, folder.Path, TestData.Options);
        File.WriteAllText(folder.File("PATIENTS.csv"), "SUBJECT_ID,GENDER,DOB\n1,F,1950-01-01\n2,M,1960-01-01\n");

        var error = Assert.Throws<GalenInputException>(() => store.Ingest(IngestFormat.Mimic, folder.Path, TestData.Options));

        Assert.Contains("PATIENTS.csv", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, store.Count("person"));
    }

    [Fact]
    public void A_missing_required_column_names_the_file_and_column()
    {
        using var folder = TestData.NewFolder();
        File.WriteAllText(folder.File("PATIENTS.csv"), "ID,GENDER,DOB\n1,F,1950-01-01\n");
        using var store = ClinicalStore.InMemory();

        var error = Assert.Throws<GalenInputException>(() => store.Ingest(IngestFormat.Mimic, folder.Path, TestData.Options));

        Assert.Equal("PATIENTS.csv", error.Location!.Source);
        Assert.Equal("SUBJECT_ID", error.Location.Field);
    }

    [Fact]
    public void Cancelling_stops_the_ingest_and_leaves_nothing_of_the_run_behind()
    {
        using var store = ClinicalStore.InMemory();
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => store.Ingest(IngestFormat.Mimic, TestData.Fixture("mimic-tiny"), TestData.Options, cancellationToken: cancel.Token));

        Assert.Equal(0, store.Count("person"));
        Assert.Equal(0, store.Count("ingest_file"));
        Assert.Equal(1, StoreDump.Scalar(store, "SELECT count(*) FROM ingest_run WHERE outcome = 'cancelled'"));
    }

    [Fact]
    public void Progress_is_reported_per_file_with_bytes()
    {
        var reports = new List<Galen.Core.Progress.WorkProgress>();
        using var store = ClinicalStore.InMemory();
        store.Ingest(IngestFormat.Mimic, TestData.Fixture("mimic-tiny"), TestData.Options, new SynchronousProgress(reports.Add));

        Assert.Contains(reports, r => r.Stage == "LABEVENTS.csv" && r.Fraction == 1);
        Assert.Contains(reports, r => r.Stage == "PATIENTS.csv");
    }

    private sealed class SynchronousProgress(Action<Galen.Core.Progress.WorkProgress> report) : IProgress<Galen.Core.Progress.WorkProgress>
    {
        public void Report(Galen.Core.Progress.WorkProgress value) => report(value);
    }
}
