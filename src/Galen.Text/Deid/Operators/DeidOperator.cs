namespace Galen.Text.Deid.Operators;

/// <summary>What replaces each piece of PHI.</summary>
public enum DeidOperator
{
    /// <summary>Removed: the text closes up.</summary>
    Redact,

    /// <summary>Every character but whitespace becomes '*', so the layout is kept.</summary>
    Mask,

    /// <summary>A typed tag such as [NAME] or [DATE].</summary>
    Tag,

    /// <summary>
    /// Realistic, consistent replacements: names and places by per-patient surrogates, dates shifted
    /// by the patient's offset, identifiers by keyed HMAC pseudonyms, ages over 89 as "90+",
    /// ZIP codes cut to three digits.
    /// </summary>
    Surrogate,
}
