using Galen.Core.Privacy;

namespace Galen.Text.Deid.Detection;

/// <summary>Decides whose name a name is from the cue words before it (on its line) and a credential after it.</summary>
internal static class NameRoles
{
    /// <summary>The name cues that start in text[from..to), in order: only words that can start a cue are tried.</summary>
    public static IEnumerable<System.Text.RegularExpressions.Match> CuesIn(string text, int from, int to)
    {
        int i = from;
        while (i < to)
        {
            if (!char.IsLetter(text[i]) || (i > 0 && char.IsLetterOrDigit(text[i - 1])))
            {
                i++;
                continue;
            }

            int end = TextWalk.WordEnd(text, i);
            if ((CueWords.Of(text.AsSpan(i, end - i)) & CueKind.NameCue) != 0)
            {
                var cue = PhiPatterns.NameCueAt().Match(text, i);
                if (cue.Success && cue.Index + cue.Length <= to + 1)
                {
                    yield return cue;
                }
            }

            i = Math.Max(end, i + 1);
        }
    }

    public static PhiType Classify(string text, int start, int end)
    {
        int from = start;
        int limit = Math.Max(0, start - 40);
        while (from > limit && text[from - 1] != '\n')
        {
            from--;
        }

        var type = PhiType.PatientName;
        foreach (var cue in CuesIn(text, from, start))
        {
            if (cue.Groups["relative"].Success)
            {
                type = PhiType.RelativeName;
            }
            else if (cue.Groups["clinician"].Success)
            {
                type = PhiType.ClinicianName;
            }
            else if (cue.Groups["title"].Success)
            {
                var word = text.AsSpan(cue.Index, Math.Min(cue.Length, 5));
                type = word.StartsWith("dr", StringComparison.OrdinalIgnoreCase) || word.StartsWith("doc", StringComparison.OrdinalIgnoreCase)
                    || word.StartsWith("prof", StringComparison.OrdinalIgnoreCase) || word.StartsWith("nurse", StringComparison.OrdinalIgnoreCase)
                    ? PhiType.ClinicianName
                    : type == PhiType.RelativeName ? PhiType.RelativeName : PhiType.PatientName;
            }
            else if (cue.Groups["patient"].Success)
            {
                type = PhiType.PatientName;
            }
        }

        int after = Math.Min(text.Length - end, 12);
        if (after > 0 && PhiPatterns.Credential().Match(text, end, after) is { Success: true } credential && credential.Index - end <= 2)
        {
            type = PhiType.ClinicianName;
        }

        return type;
    }
}
