using System.Text;
using Galen.Core.Privacy;
using Galen.Text.Deid.Detection;
using Galen.Text.Deid.Keys;

namespace Galen.Text.Deid.Operators;

/// <summary>A de-identified text and how many pieces of each PHI type were replaced (counts only, never values).</summary>
public sealed record DeidentifiedText(string Text, IReadOnlyDictionary<PhiType, int> Replaced)
{
    public int Total => Replaced.Values.Sum();
}

/// <summary>
/// Finds the PHI in a note with the layered detector and replaces it with the chosen operator.
/// Under <see cref="DeidOperator.Surrogate"/> the patient's keys come from the shared
/// <see cref="PatientKeyStore"/>, the same keys <see cref="Structured.TableDeidentifier"/> uses.
/// </summary>
public sealed class NoteDeidentifier(LayeredPhiDetector detector, SurrogateFactory surrogates, DeidOperator deidOperator)
{
    public DeidOperator Operator => deidOperator;

    public SurrogateFactory Surrogates => surrogates;

    /// <summary>De-identifies <paramref name="text"/>, a note about the patient with key <paramref name="patientKey"/>.</summary>
    public DeidentifiedText Deidentify(string text, string patientKey)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Apply(text, detector.Detect(text), patientKey);
    }

    /// <summary>Replaces the given findings (sorted, non-overlapping) in <paramref name="text"/>.</summary>
    public DeidentifiedText Apply(string text, IReadOnlyList<PhiFinding> findings, string patientKey)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(findings);
        var counts = new Dictionary<PhiType, int>();
        var output = new StringBuilder(text.Length + 64);
        PatientSecrets? patient = deidOperator == DeidOperator.Surrogate ? surrogates.Keys.For(patientKey) : null;
        int at = 0;
        foreach (var finding in findings)
        {
            if (finding.Start < at)
            {
                continue;
            }

            output.Append(text, at, finding.Start - at);
            string value = text.Substring(finding.Start, finding.Length);
            switch (deidOperator)
            {
                case DeidOperator.Redact:
                    break;
                case DeidOperator.Mask:
                    foreach (char c in value)
                    {
                        output.Append(char.IsWhiteSpace(c) ? c : '*');
                    }

                    break;
                case DeidOperator.Tag:
                    output.Append(PhiTags.For(finding.Type));
                    break;
                default:
                    output.Append(surrogates.Replace(finding.Type, value, patient!));
                    break;
            }

            counts[finding.Type] = counts.GetValueOrDefault(finding.Type) + 1;
            at = finding.End;
        }

        output.Append(text, at, text.Length - at);
        return new DeidentifiedText(output.ToString(), counts);
    }
}
