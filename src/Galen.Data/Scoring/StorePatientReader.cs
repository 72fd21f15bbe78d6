using System.Globalization;
using Galen.Data.Store;
using Galen.Data.Timeline;

namespace Galen.Data.Scoring;

/// <summary>
/// Reads single patients from a store for scoring: the patients with the most recent inpatient
/// stays, and one patient's timeline by key. The store's code table and unit conversions are read
/// once; each patient is then a handful of range queries. Safe to call from several threads (the
/// store's connection is used by one at a time).
/// </summary>
public sealed class StorePatientReader
{
    private readonly ClinicalStore _store;
    private readonly TimelineLoader _loader;
    private readonly Lock _connection = new();

    public StorePatientReader(ClinicalStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _loader = new TimelineLoader(store.Connection, new TimelineOptions());
    }

    /// <summary>The latest event time in the store: "now" for its patients.</summary>
    public DateTime DataEnd => _loader.DataEnd;

    /// <summary>Patients by their latest inpatient admission, most recent first (ties by key), at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<StoredPatient> Recent(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var patients = new List<StoredPatient>();
        lock (_connection)
        {
            using var reader = Sql.Reader(_store.Connection,
                "SELECT p.person_id, p.gender, p.birth_datetime, max(v.visit_start_datetime) AS latest FROM person p JOIN visit_occurrence v ON v.person_id = p.person_id " +
                "WHERE v.visit_class = 'inpatient' GROUP BY p.person_id, p.gender, p.birth_datetime ORDER BY latest DESC, p.person_id LIMIT ?", limit);
            while (reader.Read())
            {
                var latest = reader.GetDateTime(3);
                int? age = reader.IsDBNull(2) ? null : (int)Math.Min(90, Math.Floor((latest - reader.GetDateTime(2)).TotalDays / 365.2425));
                var sex = reader.IsDBNull(1) ? Sex.Unknown : reader.GetString(1) switch { "F" => Sex.Female, "M" => Sex.Male, _ => Sex.Unknown };
                patients.Add(new StoredPatient("p" + reader.GetInt64(0).ToString(CultureInfo.InvariantCulture), sex, age, latest));
            }
        }

        return patients;
    }

    /// <summary>
    /// The source's own key of the patient with key <paramref name="key"/> (e.g. the FHIR Patient
    /// id), or null. An identifier of the source system: never log it.
    /// </summary>
    public string? SourceKeyOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!TryPersonId(key, out long personId))
        {
            return null;
        }

        lock (_connection)
        {
            return Sql.Scalar<string>(_store.Connection, "SELECT person_source_value FROM person WHERE person_id = ?", personId);
        }
    }

    /// <summary>The timeline of the patient with key <paramref name="key"/> ("p" + person id), or null when the store has no such patient.</summary>
    public Patient? Load(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!TryPersonId(key, out long personId))
        {
            return null;
        }

        lock (_connection)
        {
            var timelines = _loader.Load([personId], cancellationToken);
            return timelines.Count == 1 ? timelines[0] : null;
        }
    }

    private static bool TryPersonId(string key, out long personId)
    {
        personId = 0;
        return key.Length >= 2 && key[0] == 'p' && long.TryParse(key.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out personId)
            && key == "p" + personId.ToString(CultureInfo.InvariantCulture);
    }
}
