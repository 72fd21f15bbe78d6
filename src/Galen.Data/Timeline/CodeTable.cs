using Galen.Core.Clinical;

namespace Galen.Data.Timeline;

/// <summary>
/// The store's concepts, indexed by concept id: the (system, code) pair of every event, its
/// "system:code" key, and for measurements the canonical unit values are converted to.
/// </summary>
public sealed class CodeTable
{
    private readonly ClinicalCode?[] _codes;
    private readonly string?[] _keys;
    private readonly string?[] _units;

    internal CodeTable(ClinicalCode?[] codes, string?[] units)
    {
        _codes = codes;
        _units = units;
        _keys = Array.ConvertAll(codes, c => c?.Key);
    }

    /// <summary>Concept ids run from 1 to <see cref="MaxId"/>.</summary>
    public int MaxId => _codes.Length - 1;

    /// <summary>The code of a concept.</summary>
    public ClinicalCode Code(int conceptId) =>
        (uint)conceptId < (uint)_codes.Length && _codes[conceptId] is { } code
            ? code
            : throw new ArgumentOutOfRangeException(nameof(conceptId), conceptId, "no such concept");

    /// <summary>The code of a concept, or null when there is no such concept.</summary>
    public ClinicalCode? TryCode(int conceptId) => (uint)conceptId < (uint)_codes.Length ? _codes[conceptId] : null;

    /// <summary>"system:code" of a concept (cached, no allocation).</summary>
    public string Key(int conceptId) => _keys[conceptId] ?? throw new ArgumentOutOfRangeException(nameof(conceptId), conceptId, "no such concept");

    /// <summary>The unit a measurement concept's values are expressed in, when known.</summary>
    public string? UnitOf(int conceptId) => (uint)conceptId < (uint)_units.Length ? _units[conceptId] : null;

    /// <summary>Concept ids of every code of a system with one of the given codes.</summary>
    public IReadOnlyList<int> Find(string system, IEnumerable<string> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var wanted = codes.ToHashSet(StringComparer.Ordinal);
        var found = new List<int>();
        for (int id = 1; id < _codes.Length; id++)
        {
            if (_codes[id] is { } code && code.System == system && wanted.Contains(code.Code))
            {
                found.Add(id);
            }
        }

        return found;
    }
}
