using Bogus.Bson;

namespace Galen.Text.Deid.Lexicons;

/// <summary>
/// Builds the <see cref="PhiLexicon"/> from the name and address data that ships inside Bogus
/// (no downloads) plus Galen's own lists of US cities, states and common words. Only the locales in
/// <see cref="NameLocales"/> feed the name lists; the held-apart evaluation corpus draws its names
/// from other locales, so the dictionary has never seen them.
/// </summary>
public static class LexiconBuilder
{
    /// <summary>Bogus locales whose first and last names make up the name dictionary.</summary>
    public static readonly IReadOnlyList<string> NameLocales = ["en", "de", "fr", "it", "es", "es_MX", "pl", "nl", "pt_PT", "en_IND"];

    /// <summary>Builds the default lexicon.</summary>
    public static PhiLexicon Build()
    {
        var first = new List<string>();
        var last = new List<string>();
        foreach (var locale in NameLocales)
        {
            first.AddRange(Strings("name", "first_name", locale));
            first.AddRange(Strings("name", "male_first_name", locale));
            first.AddRange(Strings("name", "female_first_name", locale));
            last.AddRange(Strings("name", "last_name", locale));
        }

        var common = CommonWords().ToList();
        var states = EmbeddedLists.Lines("us-states.tsv")
            .Select(line => line.Split('\t'))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.OrdinalIgnoreCase);
        return new PhiLexicon(
            first.SelectMany(n => n.Split('-')).Where(IsPlainName),
            last.SelectMany(n => n.Split('-')).Where(IsPlainName),
            EmbeddedLists.Lines("us-cities.txt"),
            states,
            Strings("address", "street_suffix", "en").Concat(StreetAbbreviations),
            common,
            first.Concat(last).SelectMany(n => n.Split('-')).Where(IsPlainName).Except(NeverNames, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Words some name list holds that are too often plain clinical words to be taken for a name
    /// even beside one ("Oral", "Line", "Floor"); other names that are common words ("Smith",
    /// "Grant", "Will") are names when the context says so.
    /// </summary>
    public static readonly IReadOnlyList<string> NeverNames =
        ["Baby", "Brain", "Can", "Else", "Fine", "Floor", "General", "Just", "Line", "Name", "Oral", "Said", "Sister", "Vital", "Weight", "Kin", "Cousin", "Best", "Major", "Chance"];

    /// <summary>
    /// Words that are never names or places on their own: Galen's list, its clinical vocabulary
    /// (coded diagnosis and procedure words, specialties, dispositions, allergens, drug names), the
    /// English vocabulary in Bogus' word lists (hacker, company and commerce words), and every word
    /// of the clinical concept lexicon (disease, symptom and drug names).
    /// </summary>
    public static IEnumerable<string> CommonWords()
    {
        var words = new List<string>(EmbeddedLists.Lines("common-words.txt"));
        words.AddRange(EmbeddedLists.Lines("clinical-words.txt"));
        foreach (var (category, path) in new[]
        {
            ("hacker", "adjective"), ("hacker", "noun"), ("hacker", "verb"), ("hacker", "ingverb"), ("company", "buzz_verbs"), ("company", "buzz_adjectives"),
            ("company", "buzz_nouns"), ("company", "adjective"), ("company", "descriptor"), ("company", "noun"), ("commerce", "department"),
            ("commerce", "product_name.adjective"), ("commerce", "product_name.material"), ("commerce", "product_name.product"), ("commerce", "color"),
        })
        {
            words.AddRange(Strings(category, path, "en").SelectMany(w => w.Split(' ', '-')).Where(w => w.Length > 2));
        }

        foreach (var concept in Nlp.Concepts.ConceptLexicon.Default.Entries)
        {
            words.AddRange(concept.Synonyms.Append(concept.Term).SelectMany(t => t.Split(' ', '-', '\'')).Where(w => w.Length > 2));
        }

        return words;
    }

    /// <summary>USPS abbreviations of the common street suffixes, as they appear in notes.</summary>
    public static readonly IReadOnlyList<string> StreetAbbreviations =
        ["St", "Ave", "Rd", "Blvd", "Ln", "Dr", "Ct", "Pl", "Pkwy", "Hwy", "Cir", "Ter", "Sq", "Trl", "Way", "Expy", "Fwy", "Plz", "Aly", "Crst", "Xing"];

    /// <summary>The strings of one Bogus data array, or none when the locale lacks it.</summary>
    public static IEnumerable<string> Strings(string category, string path, string locale)
    {
        if (Bogus.Database.Get(category, path, locale) is not BArray array)
        {
            yield break;
        }

        for (int i = 0; i < array.Count; i++)
        {
            yield return array[i].StringValue;
        }
    }

    // One word of letters (apostrophes and hyphens inside allowed): drops templates and initials.
    private static bool IsPlainName(string name) =>
        name.Length >= 2 && char.IsLetter(name[0]) && name.All(c => char.IsLetter(c) || c is '\'' or '-');
}
