using Galen.Core.Privacy;

namespace Galen.Text.Deid.Detection;

/// <summary>Decides whose name a name is from the cue words before it (on its line) and a credential after it.</summary>
internal static class NameRoles
{
    public static PhiType Classify(string text, int start, int end)
    {
        int from = start;
        int limit = Math.Max(0, start - 40);
        while (from > limit && text[from - 1] != '\n')
        {
            from--;
        }

        var type = PhiType.PatientName;
        for (var cue = PhiPatterns.NameCue().Match(text, from, start - from); cue.Success; cue = cue.NextMatch())
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
