namespace Galen.Text.Nlp.Context;

/// <summary>The role of a trigger phrase in NegEx/ConText.</summary>
public enum TriggerKind
{
    /// <summary>Negates what follows ("no", "denies", "negative for").</summary>
    PreNegation,

    /// <summary>Negates what precedes ("… was ruled out", "… is absent").</summary>
    PostNegation,

    /// <summary>Makes what follows uncertain ("possible", "rule out", "concern for").</summary>
    PreUncertainty,

    /// <summary>Makes what precedes uncertain ("… is suspected", "… cannot be excluded").</summary>
    PostUncertainty,

    /// <summary>Says that what follows is about a relative ("mother", "family history of").</summary>
    Family,

    /// <summary>Looks like a trigger but is not ("no change", "not only", "gram negative"); blocks the words it covers.</summary>
    Pseudo,

    /// <summary>Ends a trigger's scope ("but", "however", "presents with").</summary>
    Terminator,
}
