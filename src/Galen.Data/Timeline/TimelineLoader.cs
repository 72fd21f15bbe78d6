using Apache.Arrow;
using DuckDB.NET.Data;
using Galen.Core.Clinical;
using Galen.Data.Preprocessing;
using Galen.Data.Store;

namespace Galen.Data.Timeline;

/// <summary>
/// Reads timelines in bulk: one query per event table per batch of patients, results taken as
/// Arrow columns, so loading costs a few table scans rather than a round trip per patient or
/// per event. Measurement values are converted to one unit per code on the way (see
/// <see cref="UnitHarmonizer"/>).
/// </summary>
internal sealed class TimelineLoader
{
    private readonly DuckDBConnection _connection;
    private readonly TimelineOptions _options;
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    /// <summary>Conversion per (concept id &lt;&lt; 32 | unit concept id); a null value means no known conversion.</summary>
    private readonly Dictionary<long, UnitConversion?> _conversions = [];

    public TimelineLoader(DuckDBConnection connection, TimelineOptions options)
    {
        _connection = connection;
        _options = options;
        (Codes, Units) = LoadCodes();
        DataEnd = Sql.Scalar<DateTime?>(connection,
            "SELECT greatest((SELECT max(visit_end_datetime) FROM visit_occurrence), (SELECT max(measurement_datetime) FROM measurement), " +
            "(SELECT max(drug_exposure_start_datetime) FROM drug_exposure), (SELECT max(procedure_datetime) FROM procedure_occurrence), " +
            "(SELECT max(death_datetime) FROM death), (SELECT max(note_datetime) FROM note))") ?? DateTime.MinValue;
    }

    public CodeTable Codes { get; }

    public IReadOnlyList<UnitMapping> Units { get; }

    public DateTime DataEnd { get; }

    public IEnumerable<PatientTimelines> Batches(CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        using (var reader = Sql.Reader(_connection, "SELECT person_id FROM person ORDER BY person_id"))
        {
            while (reader.Read())
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        if (_options.PersonIds is { } wanted)
        {
            var set = wanted.ToHashSet();
            ids = ids.Where(set.Contains).ToList();
        }

        for (int start = 0; start < ids.Count; start += _options.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = ids.GetRange(start, Math.Min(_options.BatchSize, ids.Count - start));
            yield return LoadBatch(batch, cancellationToken);
        }
    }

    /// <summary>The timelines of the given patients (ids that are not in the store are skipped), in id order.</summary>
    public PatientTimelines Load(IEnumerable<long> personIds, CancellationToken cancellationToken)
    {
        var wanted = personIds.Distinct().Order().ToList();
        if (wanted.Count > 0)
        {
            var present = new HashSet<long>();
            using var reader = Sql.Reader(_connection, "SELECT person_id FROM person WHERE person_id BETWEEN ? AND ?", wanted[0], wanted[^1]);
            while (reader.Read())
            {
                present.Add(reader.GetInt64(0));
            }

            wanted.RemoveAll(id => !present.Contains(id));
        }

        return wanted.Count == 0 ? Empty() : LoadBatch(wanted, cancellationToken);
    }

    /// <summary>A batch with no patients (an empty store).</summary>
    public PatientTimelines Empty() => new(Codes, DataEnd, new PatientColumns([], [], [], [], [], [], [0], [], [0], [], [0], [], [0], [], [0], [], [0]));

    private PatientTimelines LoadBatch(List<long> personIds, CancellationToken cancellationToken)
    {
        int n = personIds.Count;
        long lo = personIds[0], hi = personIds[^1];
        object?[] range = [lo, hi];
        var index = new Dictionary<long, int>(n);
        for (int i = 0; i < n; i++)
        {
            index[personIds[i]] = i;
        }

        var sexes = new Sex[n];
        var births = new DateTime?[n];
        var ethnicities = new string?[n];
        var deaths = new DateTime?[n];
        ArrowQuery.ForEachBatch(_connection, "SELECT person_id, gender, birth_datetime, coalesce(race_source_value, ethnicity_source_value) FROM person WHERE person_id BETWEEN ? AND ?", range, batch =>
        {
            for (int r = 0; r < batch.Length; r++)
            {
                if (index.TryGetValue(ArrowQuery.Int64(batch.Column(0), r), out int p))
                {
                    sexes[p] = ArrowQuery.Text(batch.Column(1), r) switch { "F" => Sex.Female, "M" => Sex.Male, _ => Sex.Unknown };
                    births[p] = ArrowQuery.Time(batch.Column(2), r);
                    ethnicities[p] = ArrowQuery.Text(batch.Column(3), r);
                }
            }
        }, cancellationToken);

        // A death time with a time of day (from an admission) beats a date-only one (from the patient record).
        ArrowQuery.ForEachBatch(_connection, "SELECT person_id, death_datetime FROM death WHERE person_id BETWEEN ? AND ? ORDER BY person_id, death_datetime", range, batch =>
        {
            for (int r = 0; r < batch.Length; r++)
            {
                if (index.TryGetValue(ArrowQuery.Int64(batch.Column(0), r), out int p) && ArrowQuery.Time(batch.Column(1), r) is { } died)
                {
                    bool precise = died.TimeOfDay != TimeSpan.Zero;
                    if (deaths[p] is not { } known || (precise && known.TimeOfDay == TimeSpan.Zero && known.Date == died.Date))
                    {
                        deaths[p] = died;
                    }
                }
            }
        }, cancellationToken);

        var visits = new List<Visit>();
        var visitOwner = new List<int>();
        ArrowQuery.ForEachBatch(_connection,
            "SELECT person_id, visit_occurrence_id, visit_start_datetime, visit_end_datetime, visit_class, died_in_hospital, admission_type FROM visit_occurrence " +
            "WHERE person_id BETWEEN ? AND ? ORDER BY person_id, visit_start_datetime, visit_occurrence_id", range, batch =>
            {
                for (int r = 0; r < batch.Length; r++)
                {
                    if (index.TryGetValue(ArrowQuery.Int64(batch.Column(0), r), out int p))
                    {
                        visitOwner.Add(p);
                        visits.Add(new Visit(ArrowQuery.Int64(batch.Column(1), r), ArrowQuery.Time(batch.Column(2), r)!.Value, ArrowQuery.Time(batch.Column(3), r)!.Value,
                            ArrowQuery.Text(batch.Column(4), r) == "inpatient", ArrowQuery.Bool(batch.Column(5), r), ArrowQuery.Text(batch.Column(6), r)));
                    }
                }
            }, cancellationToken);
        var visitOffsets = Offsets(visitOwner, n);
        var visitIndex = new Dictionary<long, int>(visits.Count);
        for (int v = 0; v < visits.Count; v++)
        {
            visitIndex[visits[v].Id] = v - visitOffsets[visitOwner[v]];
        }

        var visitArray = visits.ToArray();
        int LocalVisit(IArrowArray column, int row) =>
            ArrowQuery.NullableInt64(column, row) is { } id && visitIndex.TryGetValue(id, out int local) ? local : -1;
        DateTime KnownAt(int patient, int visit, DateTime? time) =>
            time ?? (visit >= 0 ? visitArray[visitOffsets[patient] + visit].End : DateTime.MaxValue);

        var conditionOwner = new List<int>();
        var conditions = new List<ConditionEvent>();
        ArrowQuery.ForEachBatch(_connection,
            "SELECT person_id, visit_occurrence_id, condition_concept_id, condition_start_datetime FROM condition_occurrence WHERE person_id BETWEEN ? AND ? ORDER BY person_id",
            range, batch =>
            {
                for (int r = 0; r < batch.Length; r++)
                {
                    if (index.TryGetValue(ArrowQuery.Int64(batch.Column(0), r), out int p))
                    {
                        int visit = LocalVisit(batch.Column(1), r);
                        var time = ArrowQuery.Time(batch.Column(3), r);
                        conditionOwner.Add(p);
                        conditions.Add(new ConditionEvent(ArrowQuery.Int32(batch.Column(2), r), visit, time, KnownAt(p, visit, time)));
                    }
                }
            }, cancellationToken);
        var conditionArray = conditions.ToArray();
        var conditionOffsets = Offsets(conditionOwner, n);
        SortEach(conditionArray, conditionOffsets, (a, b) => a.KnownAt.CompareTo(b.KnownAt));

        var procedureOwner = new List<int>();
        var procedures = new List<ProcedureEvent>();
        ArrowQuery.ForEachBatch(_connection,
            "SELECT person_id, visit_occurrence_id, procedure_concept_id, procedure_datetime FROM procedure_occurrence WHERE person_id BETWEEN ? AND ? ORDER BY person_id",
            range, batch =>
            {
                for (int r = 0; r < batch.Length; r++)
                {
                    if (index.TryGetValue(ArrowQuery.Int64(batch.Column(0), r), out int p))
                    {
                        int visit = LocalVisit(batch.Column(1), r);
                        var time = ArrowQuery.Time(batch.Column(3), r);
                        procedureOwner.Add(p);
                        procedures.Add(new ProcedureEvent(ArrowQuery.Int32(batch.Column(2), r), visit, time, KnownAt(p, visit, time)));
                    }
                }
            }, cancellationToken);
        var procedureArray = procedures.ToArray();
        var procedureOffsets = Offsets(procedureOwner, n);
        SortEach(procedureArray, procedureOffsets, (a, b) => a.KnownAt.CompareTo(b.KnownAt));

        var drugOwner = new List<int>();
        var drugs = new List<DrugEvent>();
        ArrowQuery.ForEachBatch(_connection,
            "SELECT person_id, visit_occurrence_id, drug_concept_id, atc_concept_id, drug_exposure_start_datetime, drug_exposure_end_datetime FROM drug_exposure " +
            "WHERE person_id BETWEEN ? AND ? ORDER BY person_id, drug_exposure_start_datetime, drug_exposure_id", range, batch =>
            {
                for (int r = 0; r < batch.Length; r++)
                {
                    if (index.TryGetValue(ArrowQuery.Int64(batch.Column(0), r), out int p))
                    {
                        drugOwner.Add(p);
                        drugs.Add(new DrugEvent(ArrowQuery.Int32(batch.Column(2), r), ArrowQuery.Int32(batch.Column(3), r, whenNull: -1), LocalVisit(batch.Column(1), r),
                            ArrowQuery.Time(batch.Column(4), r)!.Value, ArrowQuery.Time(batch.Column(5), r)));
                    }
                }
            }, cancellationToken);

        var measurementOwner = new List<int>();
        var measurements = new List<MeasurementEvent>();
        ArrowQuery.ForEachBatch(_connection,
            "SELECT person_id, visit_occurrence_id, measurement_concept_id, measurement_datetime, value_as_number, unit_concept_id, category FROM measurement " +
            "WHERE person_id BETWEEN ? AND ? ORDER BY person_id, measurement_datetime, measurement_id", range, batch =>
            {
                // The hot loop of timeline loading (tens of millions of rows): typed columns, and
                // the previous row's patient, visit and unit conversion reused while they repeat.
                var person = (Int64Array)batch.Column(0);
                var visitColumn = (Int64Array)batch.Column(1);
                var concept = (Int32Array)batch.Column(2);
                var time = (TimestampArray)batch.Column(3);
                var number = (DoubleArray)batch.Column(4);
                var unit = (Int32Array)batch.Column(5);
                var category = (Int8Array)batch.Column(6);
                long lastPerson = long.MinValue, lastVisit = long.MinValue, lastKey = long.MinValue;
                int p = -1, localVisit = -1;
                UnitConversion? conversion = null;
                for (int r = 0; r < batch.Length; r++)
                {
                    long personId = person.Values[r];
                    if (personId != lastPerson)
                    {
                        lastPerson = personId;
                        p = index.TryGetValue(personId, out int found) ? found : -1;
                    }

                    if (p < 0)
                    {
                        continue;
                    }

                    int conceptId = concept.Values[r];
                    double value = number.IsNull(r) ? double.NaN : number.Values[r];
                    if (!double.IsNaN(value))
                    {
                        long key = ((long)conceptId << 32) | (uint)(unit.IsNull(r) ? 0 : unit.Values[r]);
                        if (key != lastKey)
                        {
                            lastKey = key;
                            conversion = _conversions.GetValueOrDefault(key);
                        }

                        value = conversion is { } c ? c.Apply(value) : double.NaN;
                    }

                    int visit = -1;
                    if (!visitColumn.IsNull(r))
                    {
                        long visitId = visitColumn.Values[r];
                        if (visitId != lastVisit)
                        {
                            lastVisit = visitId;
                            localVisit = visitIndex.TryGetValue(visitId, out int local) ? local : -1;
                        }

                        visit = localVisit;
                    }

                    measurementOwner.Add(p);
                    measurements.Add(new MeasurementEvent(conceptId, visit, new DateTime(UnixEpochTicks + (time.Values[r] * 10)), value,
                        category.IsNull(r) ? MeasurementCategory.Laboratory : (MeasurementCategory)category.Values[r]));
                }
            }, cancellationToken);

        var noteOwner = new List<int>();
        var notes = new List<NoteEvent>();
        if (_options.IncludeNotes)
        {
            ArrowQuery.ForEachBatch(_connection,
                "SELECT person_id, visit_occurrence_id, note_datetime, note_class, note_title, note_text FROM note WHERE person_id BETWEEN ? AND ? ORDER BY person_id, note_datetime, note_id",
                range, batch =>
                {
                    for (int r = 0; r < batch.Length; r++)
                    {
                        if (index.TryGetValue(ArrowQuery.Int64(batch.Column(0), r), out int p))
                        {
                            noteOwner.Add(p);
                            notes.Add(new NoteEvent(LocalVisit(batch.Column(1), r), ArrowQuery.Time(batch.Column(2), r)!.Value, ArrowQuery.Text(batch.Column(3), r),
                                ArrowQuery.Text(batch.Column(4), r), ArrowQuery.Text(batch.Column(5), r) ?? string.Empty));
                        }
                    }
                }, cancellationToken);
        }

        var columns = new PatientColumns(
            [.. personIds], sexes, births, ethnicities, deaths,
            visitArray, visitOffsets,
            conditionArray, conditionOffsets,
            procedureArray, procedureOffsets,
            [.. drugs], Offsets(drugOwner, n),
            [.. measurements], Offsets(measurementOwner, n),
            [.. notes], Offsets(noteOwner, n));
        return new PatientTimelines(Codes, DataEnd, columns);
    }

    private (CodeTable Codes, IReadOnlyList<UnitMapping> Units) LoadCodes()
    {
        int max = Sql.Scalar<int?>(_connection, "SELECT max(concept_id) FROM concept") ?? 0;
        var codes = new ClinicalCode?[max + 1];
        var unitText = new Dictionary<int, string>();
        using (var reader = Sql.Reader(_connection, "SELECT concept_id, vocabulary_id, concept_code, concept_name FROM concept"))
        {
            while (reader.Read())
            {
                int id = reader.GetInt32(0);
                codes[id] = new ClinicalCode(reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
                if (codes[id]!.System == LocalVocabularies.Unit)
                {
                    unitText[id] = codes[id]!.Code;
                }
            }
        }

        // Canonical unit per code from the units its numeric values come in, then a conversion per (code, unit).
        var counts = new Dictionary<int, Dictionary<int, long>>();
        using (var reader = Sql.Reader(_connection, "SELECT measurement_concept_id, coalesce(unit_concept_id, 0), count(*) FROM measurement WHERE value_as_number IS NOT NULL GROUP BY ALL"))
        {
            while (reader.Read())
            {
                int concept = reader.GetInt32(0);
                if (!counts.TryGetValue(concept, out var byUnit))
                {
                    counts[concept] = byUnit = [];
                }

                byUnit[reader.GetInt32(1)] = reader.GetInt64(2);
            }
        }

        var harmonizer = new UnitHarmonizer();
        var canonical = new string?[max + 1];
        var mappings = new List<UnitMapping>();
        foreach (var (concept, byUnit) in counts.OrderBy(pair => pair.Key))
        {
            var code = codes[concept]!;
            var named = byUnit.Where(pair => pair.Key != 0).ToDictionary(pair => unitText[pair.Key], pair => pair.Value, StringComparer.Ordinal);
            string? target = harmonizer.CanonicalUnit(code, named);
            canonical[concept] = target;
            foreach (var (unit, values) in byUnit.OrderBy(pair => pair.Key))
            {
                string? from = unit == 0 ? null : unitText[unit];
                var conversion = from is null ? UnitConversion.Identity : harmonizer.Conversion(code, from, target);
                _conversions[((long)concept << 32) | (uint)unit] = conversion;
                mappings.Add(new UnitMapping(code.Key, from, target, values, conversion is not null));
            }
        }

        return (new CodeTable(codes, canonical), mappings);
    }

    /// <summary>Offsets (patient count + 1) of rows already grouped by patient in ascending order.</summary>
    private static int[] Offsets(List<int> owners, int patients)
    {
        var offsets = new int[patients + 1];
        foreach (int owner in owners)
        {
            offsets[owner + 1]++;
        }

        for (int p = 0; p < patients; p++)
        {
            offsets[p + 1] += offsets[p];
        }

        return offsets;
    }

    private static void SortEach<T>(T[] values, int[] offsets, Comparison<T> comparison)
    {
        for (int p = 0; p + 1 < offsets.Length; p++)
        {
            values.AsSpan(offsets[p], offsets[p + 1] - offsets[p]).Sort(comparison);
        }
    }
}
