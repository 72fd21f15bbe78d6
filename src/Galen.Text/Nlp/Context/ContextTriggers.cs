namespace Galen.Text.Nlp.Context;

/// <summary>
/// The trigger phrases of <see cref="ContextAnalyzer"/>, after NegEx (Chapman et al. 2001) and
/// ConText (Harkema et al. 2009), written for Galen. Phrases are lower case, words separated by
/// single spaces; punctuation inside a phrase is a word of its own ("r / o").
/// </summary>
public static class ContextTriggers
{
    public static IReadOnlyList<(string Phrase, TriggerKind Kind)> Default { get; } = Build();

    private static List<(string, TriggerKind)> Build()
    {
        var triggers = new List<(string, TriggerKind)>();
        void Add(TriggerKind kind, params string[] phrases) => triggers.AddRange(phrases.Select(p => (p, kind)));

        Add(TriggerKind.Pseudo,
            "no increase", "no change", "no significant change", "no interval change", "no definite change", "no suspicious change", "not only", "no further",
            "not necessarily", "without difficulty", "not certain if", "not certain whether", "not ruled out", "not been ruled out", "not be ruled out",
            "gram negative", "not extend", "not cause", "not drain", "not appear", "no longer", "without any further", "not clear", "doubt", "no new complaints but");
        Add(TriggerKind.PreNegation,
            "no", "not", "denies", "denied", "denying", "without", "w / o", "negative for", "neg for", "free of", "no evidence of", "no sign of", "no signs of",
            "absence of", "never had", "never", "ruled out", "rules out", "fails to reveal", "no history of", "no hx of", "no h / o", "no complaints of",
            "not have", "did not have", "does not have", "doesn't have", "has not had", "no new", "nor", "resolution of", "negative", "none", "absent");
        Add(TriggerKind.PostNegation,
            "was ruled out", "is ruled out", "were ruled out", "has been ruled out", "unlikely", "was negative", "is negative", "were negative", "not seen",
            "is absent", "was absent", "has resolved", "have resolved", "resolved", "not present", "is not present");
        Add(TriggerKind.PreUncertainty,
            "possible", "possibly", "probable", "probably", "likely", "suspected", "suspicion of", "suspicious for", "concern for", "concerning for", "questionable",
            "question of", "rule out", "r / o", "ro", "may have", "might have", "could be", "could have", "cannot exclude", "can not exclude", "can't exclude",
            "cannot rule out", "can't rule out", "differential includes", "differential diagnosis includes", "presumed", "presumably", "suggestive of",
            "worrisome for", "worry for", "evaluate for", "evaluation for", "assess for", "vs", "versus", "?", "borderline", "equivocal");
        Add(TriggerKind.PostUncertainty,
            "is possible", "is suspected", "was suspected", "is likely", "is probable", "was considered", "cannot be excluded", "cannot be ruled out",
            "can not be ruled out", "not excluded", "is questionable");
        Add(TriggerKind.Family,
            "family history of", "family history", "family hx of", "family hx", "fhx of", "fhx", "fh of", "mother", "father", "mom", "dad", "brother", "sister",
            "sibling", "siblings", "son", "daughter", "aunt", "uncle", "grandmother", "grandfather", "grandparent", "grandparents", "cousin", "maternal",
            "paternal", "parents", "parent", "relative", "relatives");
        Add(TriggerKind.Terminator,
            "but", "however", "although", "though", "except", "aside from", "apart from", "yet", "which", "who", "presents", "presented", "presenting",
            "complains", "complaining", "reports", "reported", "states", "secondary to", "due to", "because", "cause of", "causes of", "etiology of",
            "source of", "origin of", "since", "as there is", ";", ":", "now", "still", "patient", "pt", "he", "she", "and has", "with new");
        return triggers;
    }
}
