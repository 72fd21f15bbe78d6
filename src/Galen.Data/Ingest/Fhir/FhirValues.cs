using System.Text;
using Galen.Core.Clinical;
using Galen.Data.Ingest.Csv;
using Hl7.Fhir.Model;

namespace Galen.Data.Ingest.Fhir;

/// <summary>Reading FHIR datatypes into store values: times, codes, references.</summary>
internal static class FhirValues
{
    /// <summary>
    /// A FHIR date or dateTime as ticks (UTC when it carries an offset). Partial dates take the
    /// first day: "1950" → 1950-01-01, "1950-03" → 1950-03-01. False when not a FHIR date.
    /// </summary>
    public static bool TryTicks(string? text, out long ticks)
    {
        ticks = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (text.Length == 4)
        {
            text += "-01-01";
        }
        else if (text.Length == 7)
        {
            text += "-01";
        }

        return Utf8Values.TryParseTimestamp(Encoding.UTF8.GetBytes(text), out ticks);
    }

    /// <summary>The time a choice-typed element gives: a dateTime, or the start of a Period; null when absent.</summary>
    public static string? Start(DataType? value) => value switch
    {
        FhirDateTime d => d.Value,
        Period p => p.Start,
        Date d => d.Value,
        Instant i => i.Value?.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>The key a reference points at: "Patient/123" → "123", "urn:uuid:ab-cd" → "ab-cd"; null when it is not of the type.</summary>
    public static string? Key(ResourceReference? reference, string type)
    {
        string? text = reference?.Reference;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (text.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase))
        {
            return text["urn:uuid:".Length..];
        }

        int slash = text.LastIndexOf('/');
        if (slash < 0)
        {
            return null;
        }

        // "Patient/123", "https://server/fhir/Patient/123", "Patient/123/_history/2"
        var parts = text.Split('/');
        for (int i = parts.Length - 2; i >= 0; i--)
        {
            if (parts[i] == type)
            {
                return parts[i + 1];
            }
        }

        return null;
    }

    /// <summary>
    /// The coding to keep from a CodeableConcept: the first in a system Galen knows, in the order
    /// given by <paramref name="preferred"/>, else the first known one, else null.
    /// </summary>
    public static ClinicalCode? Code(CodeableConcept? concept, params string[] preferred)
    {
        if (concept?.Coding is not { Count: > 0 } codings)
        {
            return null;
        }

        var known = codings
            .Where(c => !string.IsNullOrWhiteSpace(c.Code) && c.System is not null && CodeSystems.FromFhirUri(c.System) is not null)
            .Select(c => new ClinicalCode(CodeSystems.FromFhirUri(c.System!)!, c.Code!.Trim(), c.Display ?? concept.Text))
            .ToArray();
        foreach (var system in preferred)
        {
            if (known.FirstOrDefault(c => c.System == system) is { } match)
            {
                return match;
            }
        }

        return known.FirstOrDefault();
    }

    /// <summary>The ATC coding of a CodeableConcept, if any.</summary>
    public static ClinicalCode? Atc(CodeableConcept? concept) =>
        concept?.Coding?.Where(c => c.System is not null && CodeSystems.FromFhirUri(c.System) == CodeSystems.Atc && !string.IsNullOrWhiteSpace(c.Code))
            .Select(c => new ClinicalCode(CodeSystems.Atc, c.Code!.Trim().ToUpperInvariant(), c.Display)).FirstOrDefault();

    /// <summary>Text for a CodeableConcept: its text, else its first display, else its first code.</summary>
    public static string? Text(CodeableConcept? concept) =>
        concept is null ? null : concept.Text ?? concept.Coding?.Select(c => c.Display ?? c.Code).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));
}
