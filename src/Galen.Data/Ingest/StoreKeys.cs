using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Galen.Data.Ingest.Csv;

namespace Galen.Data.Ingest;

/// <summary>A patient already in the store (or added by this ingest).</summary>
internal sealed class PersonEntry(long id, long birthTicks)
{
    public long Id { get; } = id;

    /// <summary>Birth as ticks, or <see cref="long.MinValue"/> when unknown.</summary>
    public long BirthTicks { get; } = birthTicks;
}

/// <summary>An admission / encounter or a stay within one.</summary>
internal sealed class VisitEntry(long id, long personId, long startTicks, long endTicks, long parentVisitId = 0)
{
    public long Id { get; } = id;

    public long PersonId { get; } = personId;

    public long StartTicks { get; } = startTicks;

    public long EndTicks { get; } = endTicks;

    /// <summary>For a stay (visit_detail): its admission; 0 otherwise.</summary>
    public long ParentVisitId { get; } = parentVisitId;
}

/// <summary>
/// Source keys (subject ids, admission ids, FHIR ids) of one kind of parent record, mapped to
/// store entries. Integer keys are looked up without making strings (the hot path of
/// LABEVENTS); "00123" and "123" are the same key. Also remembers the keys that were
/// quarantined, so children can say their parent was rejected rather than unknown.
/// </summary>
internal sealed class KeyIndex<TEntry>
    where TEntry : class
{
    private readonly Dictionary<long, TEntry> _numeric = [];
    private readonly Dictionary<string, TEntry> _text = new(StringComparer.Ordinal);
    private readonly HashSet<string> _quarantined = new(StringComparer.Ordinal);

    // The last numeric key found and its entry: event tables list a patient's (and an
    // admission's) rows together, so most lookups repeat the previous one.
    private long _lastNumber;
    private TEntry? _lastEntry;

    public int Count => _numeric.Count + _text.Count;

    public static string Normalize(ReadOnlySpan<byte> key) =>
        Utf8Values.TryParseInt64(key, out long number) ? number.ToString(CultureInfo.InvariantCulture) : Encoding.UTF8.GetString(Utf8Values.Trim(key));

    public static string Normalize(string key) =>
        long.TryParse(key.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long number) ? number.ToString(CultureInfo.InvariantCulture) : key.Trim();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGet(ReadOnlySpan<byte> key, out TEntry entry)
    {
        if (Utf8Values.TryParseInt64(key, out long number))
        {
            if (_lastEntry is not null && number == _lastNumber)
            {
                entry = _lastEntry;
                return true;
            }

            if (_numeric.TryGetValue(number, out entry!))
            {
                (_lastNumber, _lastEntry) = (number, entry);
                return true;
            }

            return false;
        }

        return _text.TryGetValue(Encoding.UTF8.GetString(Utf8Values.Trim(key)), out entry!);
    }

    public bool TryGet(string key, out TEntry entry)
    {
        string normalized = Normalize(key);
        if (long.TryParse(normalized, NumberStyles.Integer, CultureInfo.InvariantCulture, out long number))
        {
            return _numeric.TryGetValue(number, out entry!);
        }

        return _text.TryGetValue(normalized, out entry!);
    }

    public bool Contains(string key) => TryGet(key, out _);

    /// <summary>Adds a key already normalised with <see cref="Normalize(string)"/>.</summary>
    public void Add(string normalizedKey, TEntry entry)
    {
        if (long.TryParse(normalizedKey, NumberStyles.Integer, CultureInfo.InvariantCulture, out long number))
        {
            _numeric[number] = entry;
            _lastEntry = null;
        }
        else
        {
            _text[normalizedKey] = entry;
        }
    }

    public void MarkQuarantined(string normalizedKey) => _quarantined.Add(normalizedKey);

    public bool WasQuarantined(ReadOnlySpan<byte> key) => _quarantined.Count > 0 && _quarantined.Contains(Normalize(key));

    public bool WasQuarantined(string key) => _quarantined.Count > 0 && _quarantined.Contains(Normalize(key));
}
