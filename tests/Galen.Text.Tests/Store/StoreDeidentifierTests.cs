using System.Globalization;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using Galen.Core.Privacy;
using Galen.Data.Store;
using Galen.Data.Tasks;
using Galen.Text.Data.Store;
using Galen.Text.Deid.Keys;
using Galen.Text.Deid.Operators;

namespace Galen.Text.Tests.Store;

public sealed class StoreDeidentifierTests(SyntheticStore hospital) : IClassFixture<SyntheticStore>
{
    private (StoreDeidentification Result, PatientKeyStore Keys, string Lines) Deidentify()
    {
        var keys = PatientKeyStore.CreateNew();
        var notes = new NoteDeidentifier(TrainedDetector.All, new SurrogateFactory(keys), DeidOperator.Surrogate);
        using var lines = new StringWriter();
        var result = new StoreDeidentifier(notes, threads: 2).Run(hospital.StorePath, hospital.NewOutput(), lines, learnedLayer: true);
        return (result, keys, lines.ToString());
    }

    private static DuckDBConnection Read(string path)
    {
        var connection = new DuckDBConnection("DataSource=" + path + ";ACCESS_MODE=READ_ONLY");
        connection.Open();
        return connection;
    }

    private static List<object?[]> Rows(string path, string sql)
    {
        using var connection = Read(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public void Tasks_on_the_de_identified_store_give_the_same_labels_and_intervals()
    {
        var (result, _, _) = Deidentify();
        var tasks = new IClinicalTask[] { new InHospitalMortalityTask(48), new ReadmissionTask(30), new LengthOfStayTask(24, 7) };
        IReadOnlyList<TaskDataset> original, deidentified;
        Galen.Data.Timeline.PatientTimelines before, after;
        using (var store = ClinicalStore.Open(hospital.StorePath))
        {
            original = new TaskBuilder(store).Build(tasks);
            before = store.LoadTimelines();
            Assert.NotEqual(store.Fingerprint, result.Fingerprint);
        }

        using (var store = ClinicalStore.Open(result.OutputPath))
        {
            deidentified = new TaskBuilder(store).Build(tasks);
            after = store.LoadTimelines();
            Assert.Equal(result.Fingerprint, store.Fingerprint);
        }

        // Every visit keeps its length, every gap between visits its length, and each patient's
        // times all move by one shift: whole weeks, between 2 and 52 weeks either way.
        Assert.Equal(before.Count, after.Count);
        var shifts = new Dictionary<string, TimeSpan>();
        for (int p = 0; p < before.Count; p++)
        {
            var a = before[p];
            var b = after[p];
            Assert.Equal(a.Key, b.Key);
            Assert.Equal(a.Visits.Length, b.Visits.Length);
            var shift = b.Visits[0].Start - a.Visits[0].Start;
            Assert.True(shift.TotalDays % 7 == 0 && Math.Abs(shift.TotalDays) >= 14 && Math.Abs(shift.TotalDays) <= 364, $"shift {shift.TotalDays} days");
            shifts[a.Key] = shift;
            for (int v = 0; v < a.Visits.Length; v++)
            {
                Assert.Equal(a.Visits[v].Duration, b.Visits[v].Duration);
                Assert.Equal(a.Visits[v].Start + shift, b.Visits[v].Start);
                if (v > 0)
                {
                    Assert.Equal(a.Visits[v].Start - a.Visits[v - 1].End, b.Visits[v].Start - b.Visits[v - 1].End);
                }
            }

            if (a.DeathTime is { } death)
            {
                Assert.Equal(death + shift, b.DeathTime);
            }
        }

        for (int t = 0; t < tasks.Length; t++)
        {
            var labels = original[t].Samples.Select((s, i) => (s.SampleKey, Label: original[t].Tabular.Targets.Row(i)[0], s.IndexTime, s.PatientKey)).ToDictionary(x => x.SampleKey);
            var kept = deidentified[t].Samples.Select((s, i) => (s.SampleKey, Label: deidentified[t].Tabular.Targets.Row(i)[0], s.IndexTime, s.PatientKey)).ToDictionary(x => x.SampleKey);
            Assert.True(labels.Count > 20, $"{tasks[t].Name} has {labels.Count} samples");
            foreach (var (key, sample) in kept)
            {
                Assert.True(labels.TryGetValue(key, out var same), $"{tasks[t].Name}: {key} only after de-identification");
                Assert.Equal(same.Label, sample.Label);
                Assert.Equal(same.IndexTime + shifts[sample.PatientKey], sample.IndexTime);
            }

            // Only readmission can lose samples: censoring at the end of the data, which moves with the shifts.
            if (tasks[t] is not ReadmissionTask)
            {
                Assert.Equal(labels.Count, kept.Count);
            }
            else
            {
                Assert.True(kept.Count >= labels.Count - 3, $"{labels.Count - kept.Count} readmission samples censored differently");
            }
        }
    }

    [Fact]
    public void No_identifier_of_the_source_survives_in_the_de_identified_store()
    {
        var (result, _, _) = Deidentify();
        var sourceIds = Rows(hospital.StorePath, "SELECT person_source_value FROM person UNION ALL SELECT visit_source_value FROM visit_occurrence UNION ALL SELECT note_source_value FROM note")
            .Select(r => r[0] as string).OfType<string>().Where(v => v.Length >= 6).ToHashSet(StringComparer.Ordinal);
        Assert.True(sourceIds.Count > 40);

        // Every text value of the output, per table, and each patient's text (notes and rows) apart.
        var everything = new System.Text.StringBuilder();
        var byPatient = new Dictionary<long, System.Text.StringBuilder>();
        using (var connection = Read(result.OutputPath))
        {
            var tables = new List<(string Table, List<string> Columns)>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT table_name, column_name FROM information_schema.columns WHERE data_type = 'VARCHAR' ORDER BY table_name, ordinal_position";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    string table = reader.GetString(0);
                    if (tables.Count == 0 || tables[^1].Table != table)
                    {
                        tables.Add((table, []));
                    }

                    tables[^1].Columns.Add(reader.GetString(1));
                }
            }

            foreach (var (table, columns) in tables)
            {
                bool hasPerson = Rows(result.OutputPath, $"SELECT count(*) FROM information_schema.columns WHERE table_name = '{table}' AND column_name = 'person_id'")[0][0] is long n && n > 0;
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {(hasPerson ? "person_id" : "NULL")}, {string.Join(", ", columns)} FROM {table}";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    for (int c = 1; c < reader.FieldCount; c++)
                    {
                        if (!reader.IsDBNull(c))
                        {
                            string value = reader.GetString(c);
                            everything.Append(value).Append('\n');
                            if (!reader.IsDBNull(0))
                            {
                                long person = reader.GetInt64(0);
                                (byPatient.TryGetValue(person, out var text) ? text : byPatient[person] = new System.Text.StringBuilder()).Append(value).Append('\n');
                            }
                        }
                    }
                }
            }
        }

        string all = everything.ToString();
        foreach (var id in sourceIds)
        {
            Assert.DoesNotContain(id, all, StringComparison.Ordinal);
        }

        // The PHI the generator wrote into each note: identifiers, e-mails, URLs, streets anywhere in
        // the output; a patient's full names and city in that patient's own text (single name words and
        // cities can be another patient's surrogate, since both come from the same name lists).
        var personOf = Rows(hospital.StorePath, "SELECT person_source_value, person_id FROM person").ToDictionary(r => (string)r[0]!, r => (long)r[1]!);
        int checkedValues = 0;
        foreach (var note in hospital.Notes)
        {
            string own = byPatient.TryGetValue(personOf[note.SubjectId!], out var text) ? text.ToString() : string.Empty;
            foreach (var span in note.Spans)
            {
                string value = note.Text.Substring(span.Start, span.Length);
                switch (span.Type)
                {
                    case PhiType.Mrn or PhiType.Ssn or PhiType.Phone or PhiType.Fax or PhiType.Email or PhiType.Url or PhiType.IpAddress
                        or PhiType.HealthPlanNumber or PhiType.AccountNumber or PhiType.LicenseNumber or PhiType.DeviceIdentifier or PhiType.StreetAddress:
                        Assert.DoesNotContain(value, all, StringComparison.OrdinalIgnoreCase);
                        checkedValues++;
                        break;
                    case PhiType.PatientName or PhiType.RelativeName when value.Contains(' ', StringComparison.Ordinal) && !value.Contains(',', StringComparison.Ordinal):
                    case PhiType.City:
                        Assert.DoesNotContain(value, own, StringComparison.OrdinalIgnoreCase);
                        checkedValues++;
                        break;
                }
            }
        }

        Assert.True(checkedValues > 500, $"{checkedValues} values checked");
        Assert.Empty(Rows(result.OutputPath, "SELECT raw_record FROM quarantine WHERE raw_record IS NOT NULL"));
    }

    [Fact]
    public void A_note_and_its_patients_rows_share_the_shift_the_surrogates_and_the_pseudonym()
    {
        var (result, keys, lines) = Deidentify();
        var surrogates = new SurrogateFactory(keys);
        var people = Rows(hospital.StorePath, "SELECT person_id, person_source_value FROM person ORDER BY person_id");
        var pseudonyms = Rows(result.OutputPath, "SELECT person_id, person_source_value FROM person ORDER BY person_id").ToDictionary(r => (long)r[0]!, r => (string)r[1]!);
        var manifestPatients = lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!["patient"]!.GetValue<string>()).ToHashSet();
        foreach (var person in people)
        {
            string key = (string)person[1]!;
            string pseudonym = pseudonyms[(long)person[0]!];
            Assert.Equal(surrogates.Pseudonyms.PatientKey(key), pseudonym);
            Assert.Contains(pseudonym, manifestPatients);
        }

        // Each note moved by its patient's shift, and the dates inside its text by the same shift.
        var noteTimes = Rows(hospital.StorePath, "SELECT note_id, person_id, note_datetime FROM note").ToDictionary(r => (long)r[0]!, r => (Person: (long)r[1]!, Time: (DateTime)r[2]!));
        var written = Rows(result.OutputPath, "SELECT note_id, note_datetime, note_text FROM note").ToDictionary(r => (long)r[0]!, r => (Time: (DateTime)r[1]!, Text: (string)r[2]!));
        var keyOf = people.ToDictionary(r => (long)r[0]!, r => (string)r[1]!);
        int datesChecked = 0;
        foreach (var note in hospital.Notes)
        {
            long id = long.Parse(note.NoteId, CultureInfo.InvariantCulture);
            var (person, time) = noteTimes[id];
            int shift = keys.For(keyOf[person]).DateShiftDays;
            Assert.Equal(time.AddDays(shift), written[id].Time);
            foreach (var span in note.Spans.Where(s => s.Type == PhiType.Date))
            {
                string? moved = DateShifter.Shift(note.Text.Substring(span.Start, span.Length), shift);
                if (moved is not null)
                {
                    Assert.Contains(moved, written[id].Text, StringComparison.Ordinal);
                    datesChecked++;
                }
            }
        }

        Assert.True(datesChecked > 100);
        Assert.Equal(hospital.Notes.Count, result.Notes.NotesWritten);
    }

    [Fact]
    public void No_age_above_90_can_be_read_from_the_output()
    {
        var (result, _, _) = Deidentify();
        const string Ages = """
            SELECT p.person_id, max(date_diff('day', p.birth_datetime, v.visit_start_datetime)) / 365.2425
            FROM person p JOIN visit_occurrence v ON v.person_id = p.person_id GROUP BY p.person_id
            """;
        var before = Rows(hospital.StorePath, Ages).ToDictionary(r => (long)r[0]!, r => Convert.ToDouble(r[1], CultureInfo.InvariantCulture));
        var after = Rows(result.OutputPath, Ages).ToDictionary(r => (long)r[0]!, r => Convert.ToDouble(r[1], CultureInfo.InvariantCulture));
        // Every recorded time, from the same event tables the de-identifier reads.
        const string Events = """
            WITH e AS (
                SELECT person_id, visit_start_datetime AS t FROM visit_occurrence UNION ALL SELECT person_id, visit_end_datetime FROM visit_occurrence
                UNION ALL SELECT person_id, measurement_datetime FROM measurement UNION ALL SELECT person_id, note_datetime FROM note
                UNION ALL SELECT person_id, death_datetime FROM death UNION ALL SELECT person_id, drug_exposure_start_datetime FROM drug_exposure
                UNION ALL SELECT person_id, procedure_datetime FROM procedure_occurrence UNION ALL SELECT person_id, visit_detail_start_datetime FROM visit_detail
                UNION ALL SELECT person_id, condition_start_datetime FROM condition_occurrence UNION ALL SELECT person_id, observation_datetime FROM observation)
            """;
        // Patients with any record at 90 or over in the source: the ones whose birth is moved.
        var reached90 = Rows(hospital.StorePath, Events + """
            SELECT DISTINCT p.person_id FROM person p JOIN e ON e.person_id = p.person_id
            WHERE e.t >= p.birth_datetime + INTERVAL 90 YEAR
            """).Select(r => (long)r[0]!).ToHashSet();
        // In the output, each one's first record at 90 or over. The per-patient date shift moves the
        // birth and the records by the same number of days, but "birth + 90 calendar years" can move
        // by a day across 29 February, so the record the de-identifier anchored on may sit a day
        // before the output's 90th birthday: look from two days before it.
        var first90 = Rows(result.OutputPath, Events + """
            SELECT p.person_id, min(date_diff('minute', p.birth_datetime, e.t)) / (365.2425 * 1440)
            FROM person p JOIN e ON e.person_id = p.person_id
            WHERE date_diff('minute', p.birth_datetime, e.t) >= (90 * 365.2425 - 2) * 1440 GROUP BY p.person_id
            """).ToDictionary(r => (long)r[0]!, r => Convert.ToDouble(r[1], CultureInfo.InvariantCulture));
        Assert.Contains(before.Values, age => age >= 90);
        Assert.True(result.PatientsAgedOver89 > 0);
        Assert.Equal(reached90.Count, result.PatientsAgedOver89);
        foreach (var (person, age) in before)
        {
            if (!reached90.Contains(person))
            {
                Assert.True(age < 90);
                Assert.Equal(age, after[person], 6);
            }
            else
            {
                // At the first record at 90 or over the patient is exactly 90 calendar years old, to
                // a day; 90 calendar years hold 21 to 23 leap days, up to 1.2 days more than
                // 90 × 365.2425 days, so the tolerance in these average years is two days.
                Assert.InRange(first90[person], 90 - (2 / 365.2425), 90 + (2 / 365.2425));
            }
        }
    }

    [Fact]
    public void A_note_that_cannot_be_read_is_listed_and_left_out_and_the_output_is_always_new()
    {
        string source = Path.Combine(hospital.Folder, "with-empty-note.duckdb");
        File.Copy(hospital.StorePath, source, overwrite: true);
        using (var connection = new DuckDBConnection("DataSource=" + source))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO note SELECT 999999, person_id, visit_occurrence_id, note_datetime, note_class, note_title, NULL, note_source_value, source_file_id FROM note LIMIT 1";
            command.ExecuteNonQuery();
        }

        var notes = new NoteDeidentifier(TrainedDetector.PatternsAndDictionaries, new SurrogateFactory(PatientKeyStore.CreateNew()), DeidOperator.Surrogate);
        string output = hospital.NewOutput();
        var result = new StoreDeidentifier(notes).Run(source, output, null, learnedLayer: false);
        Assert.Equal(1, result.Notes.NotesFailed);
        Assert.Equal("999999", Assert.Single(result.Notes.Failures).Id);
        Assert.Equal(hospital.Notes.Count, Rows(output, "SELECT count(*) FROM note")[0][0] is long n ? (int)n : -1);
        Assert.Contains(result.Tables, t => t.Table == "note" && t.Read == hospital.Notes.Count + 1 && t.Written == hospital.Notes.Count);

        var again = Assert.Throws<Galen.Core.Errors.GalenInputException>(() => new StoreDeidentifier(notes).Run(source, output, null, learnedLayer: false));
        Assert.Contains("already exists", again.Message, StringComparison.Ordinal);
    }
}
