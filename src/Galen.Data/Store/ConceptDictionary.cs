namespace Galen.Data.Store;

/// <summary>
/// The store's <c>concept</c> table in memory during an ingest: (vocabulary, code) → concept id,
/// assigning new ids for codes seen for the first time. New concepts are written when the
/// ingest's transaction completes.
/// </summary>
internal sealed class ConceptDictionary
{
    private readonly Dictionary<(string Vocabulary, string Code), int> _ids = [];
    private readonly List<(int Id, string Vocabulary, string Code, string? Name)> _pending = [];
    private readonly Dictionary<int, Galen.Core.Clinical.ClinicalCode> _byId = [];
    private int _next = 1;

    public int Count => _ids.Count;

    /// <summary>Registers a concept read back from the store.</summary>
    public void Load(int id, string vocabulary, string code)
    {
        _ids[(vocabulary, code)] = id;
        _byId[id] = new Galen.Core.Clinical.ClinicalCode(vocabulary, code);
        _next = Math.Max(_next, id + 1);
    }

    /// <summary>The (vocabulary, code) of a concept id known to the dictionary.</summary>
    public Galen.Core.Clinical.ClinicalCode CodeOf(int id) => _byId[id];

    /// <summary>The id of a (vocabulary, code) pair, created when new. The name is kept only for new concepts.</summary>
    public int IdOf(string vocabulary, string code, string? name = null)
    {
        if (_ids.TryGetValue((vocabulary, code), out int id))
        {
            return id;
        }

        id = _next++;
        _ids[(vocabulary, code)] = id;
        _byId[id] = new Galen.Core.Clinical.ClinicalCode(vocabulary, code);
        _pending.Add((id, vocabulary, code, string.IsNullOrWhiteSpace(name) ? null : name));
        return id;
    }

    /// <summary>Writes concepts created since the last call.</summary>
    public void WritePending(TableWriter writer)
    {
        foreach (var (id, vocabulary, code, name) in _pending)
        {
            writer.Int32(id).Text(vocabulary).Text(code).Text(name).EndRow();
        }

        _pending.Clear();
    }

    public bool HasPending => _pending.Count > 0;
}
