namespace Galen.Text.Nlp.Context;

/// <summary>How a mention is asserted in its sentence (NegEx/ConText style).</summary>
/// <param name="Negated">Denied or ruled out ("denies chest pain", "PE was ruled out").</param>
/// <param name="Uncertain">Possible, suspected, to be ruled out ("possible pneumonia", "r/o MI").</param>
/// <param name="FamilyHistory">About a relative, not the patient ("mother with breast cancer").</param>
public sealed record Assertion(bool Negated, bool Uncertain, bool FamilyHistory)
{
    /// <summary>Present, certain, about the patient.</summary>
    public static readonly Assertion Affirmed = new(false, false, false);

    /// <summary>True when the patient has it, as far as the sentence says.</summary>
    public bool IsAffirmed => !Negated && !Uncertain && !FamilyHistory;
}
