using System.Runtime.CompilerServices;
using System.Text;
using Galen.Data.Store;

namespace Galen.Data.Ingest;

/// <summary>
/// Concept ids for short UTF-8 values that repeat millions of times (units, categories),
/// looked up without allocating a string per row.
/// </summary>
internal sealed class Utf8Concepts(ConceptDictionary concepts, string vocabulary)
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, int> _short = [];

    /// <summary>The concept of the trimmed value, or null when it is empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int? IdOf(ReadOnlySpan<byte> value)
    {
        value = Csv.Utf8Values.Trim(value);
        if (value.IsEmpty)
        {
            return null;
        }

        ulong packed = 0;
        if (value.Length <= 7)
        {
            // Up to 7 bytes and the length fit one ulong: no text decoding on the hot path.
            foreach (byte b in value)
            {
                packed = (packed << 8) | b;
            }

            packed |= (ulong)value.Length << 56;
            if (_short.TryGetValue(packed, out int known))
            {
                return known;
            }
        }

        Span<char> chars = value.Length <= 128 ? stackalloc char[value.Length] : new char[value.Length];
        int length = Encoding.UTF8.GetChars(value, chars);
        var lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars[..length], out int id))
        {
            return id;
        }

        string text = new(chars[..length]);
        id = concepts.IdOf(vocabulary, text);
        _ids[text] = id;
        if (packed != 0)
        {
            _short[packed] = id;
        }

        return id;
    }
}
