using Galen.Core.Privacy;

namespace Galen.Text.Deid.Detection;

/// <summary>
/// Combines the layers' findings recall-first: every character any layer marked stays marked
/// (the union), and where findings overlap the type comes from the stronger one — pattern over
/// learned over dictionary, specific identifiers over "other", longer over shorter. The weaker
/// finding keeps whatever it covered outside the stronger one.
/// </summary>
public static class FindingResolver
{
    /// <summary>Non-overlapping findings sorted by start; <paramref name="findings"/> is reordered.</summary>
    public static List<PhiFinding> Resolve(string text, List<PhiFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(findings);
        findings.Sort(static (a, b) =>
        {
            int c = a.Layer.CompareTo(b.Layer);
            if (c != 0)
            {
                return c;
            }

            c = (a.Type == PhiType.OtherIdentifier).CompareTo(b.Type == PhiType.OtherIdentifier);
            if (c != 0)
            {
                return c;
            }

            c = b.Length.CompareTo(a.Length);
            return c != 0 ? c : a.Start.CompareTo(b.Start);
        });

        var accepted = new List<PhiFinding>(findings.Count);
        var pieces = new List<PhiFinding>(4);
        foreach (var finding in findings)
        {
            pieces.Clear();
            int start = finding.Start;
            int end = finding.End;
            if (end <= start)
            {
                continue;
            }

            // Carve out the parts already owned by stronger findings (accepted is sorted by start).
            foreach (var owner in accepted)
            {
                if (owner.End <= start || owner.Start >= end)
                {
                    continue;
                }

                if (owner.Start > start)
                {
                    pieces.Add(new PhiFinding(start, owner.Start - start, finding.Type, finding.Layer));
                }

                start = Math.Max(start, owner.End);
                if (start >= end)
                {
                    break;
                }
            }

            if (start < end)
            {
                pieces.Add(new PhiFinding(start, end - start, finding.Type, finding.Layer));
            }

            foreach (var piece in pieces)
            {
                Add(text, accepted, piece);
            }
        }

        return Merge(text, accepted);
    }

    // Adds a piece if it holds a letter or digit, trimmed of surrounding spaces; keeps the list sorted.
    private static void Add(string text, List<PhiFinding> accepted, PhiFinding piece)
    {
        int start = piece.Start;
        int end = piece.End;
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        bool content = false;
        for (int i = start; i < end && !content; i++)
        {
            content = char.IsLetterOrDigit(text[i]);
        }

        if (!content)
        {
            return;
        }

        var trimmed = piece with { Start = start, Length = end - start };
        int at = accepted.Count;
        while (at > 0 && accepted[at - 1].Start > start)
        {
            at--;
        }

        accepted.Insert(at, trimmed);
    }

    // Touching pieces of one type become one finding.
    private static List<PhiFinding> Merge(string text, List<PhiFinding> sorted)
    {
        var merged = new List<PhiFinding>(sorted.Count);
        foreach (var piece in sorted)
        {
            if (merged.Count > 0)
            {
                var last = merged[^1];
                if (last.Type == piece.Type && piece.Start <= last.End + 1 && (piece.Start == last.End || !char.IsWhiteSpace(text[last.End]) || text[last.End] == ' '))
                {
                    merged[^1] = last with { Length = Math.Max(last.End, piece.End) - last.Start };
                    continue;
                }
            }

            merged.Add(piece);
        }

        return merged;
    }
}
