using Galen.Core.Clinical;

namespace Galen.Deep.Data;

/// <summary>
/// The codes a visit-sequence model knows, learned from training samples only. Index 0 is
/// padding and index 1 stands for every code the model did not see often enough in training;
/// known codes follow from index 2, most frequent first.
/// </summary>
public sealed class CodeVocabulary
{
    /// <summary>Index of padding (an empty position).</summary>
    public const int Padding = 0;

    /// <summary>Index that every unknown or rare code maps to.</summary>
    public const int Unknown = 1;

    private const int Reserved = 2;
    private readonly Dictionary<ClinicalCode, int> _index;

    /// <summary>A vocabulary over the given codes, in index order starting at 2.</summary>
    public CodeVocabulary(IReadOnlyList<ClinicalCode> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        Codes = codes;
        _index = new Dictionary<ClinicalCode, int>(codes.Count);
        for (int i = 0; i < codes.Count; i++)
        {
            if (!_index.TryAdd(codes[i], i + Reserved))
            {
                throw new ArgumentException($"Code {codes[i].Key} appears twice in the vocabulary.", nameof(codes));
            }
        }
    }

    /// <summary>Known codes; code <c>i</c> has index <c>i + 2</c>.</summary>
    public IReadOnlyList<ClinicalCode> Codes { get; }

    /// <summary>Rows an embedding table needs: the known codes plus padding and unknown.</summary>
    public int Size => Codes.Count + Reserved;

    /// <summary>The code's index, or <see cref="Unknown"/>.</summary>
    public int IndexOf(ClinicalCode code) => _index.GetValueOrDefault(code, Unknown);

    /// <summary>The code at an index, or null for padding and unknown.</summary>
    public ClinicalCode? CodeAt(int index) => index >= Reserved && index < Size ? Codes[index - Reserved] : null;

    /// <summary>
    /// Learns the vocabulary from training samples: every code seen in at least
    /// <paramref name="minimumCount"/> visits, most frequent first, ties by system and code so
    /// the order never depends on the input order.
    /// </summary>
    public static CodeVocabulary Fit(VisitSequenceInputs train, int minimumCount = 1)
    {
        ArgumentNullException.ThrowIfNull(train);
        var counts = new int[train.CodeTable.Count];
        for (int s = 0; s < train.Count; s++)
        {
            for (int v = 0; v < train.VisitCount(s); v++)
            {
                foreach (int id in train.CodeIds(s, v))
                {
                    counts[id]++;
                }
            }
        }

        var kept = Enumerable.Range(0, counts.Length)
            .Where(id => counts[id] >= minimumCount)
            .OrderByDescending(id => counts[id])
            .ThenBy(id => train.CodeTable[id].System, StringComparer.Ordinal)
            .ThenBy(id => train.CodeTable[id].Code, StringComparer.Ordinal)
            .Select(id => train.CodeTable[id])
            .ToArray();
        return new CodeVocabulary(kept);
    }
}
