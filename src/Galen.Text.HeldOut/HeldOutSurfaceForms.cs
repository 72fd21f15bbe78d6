using Galen.Text.Deid.Lexicons;

namespace Galen.Text.HeldOut;

/// <summary>
/// The evaluation corpus's own values. Names come from Bogus locales that the dictionary was not
/// built from, less any name the dictionary holds; cities come from Bogus' city lists of other
/// countries, less any the dictionary holds. Organisation patterns, e-mail domains and URL forms
/// are its own. None of these strings occurs in the training corpus's lists.
/// </summary>
internal static class HeldOutSurfaceForms
{
    public static readonly IReadOnlyList<string> FirstNameLocales = ["tr", "fi", "nb_NO", "ro", "sv", "en_NG", "en_ZA", "pt_BR", "id_ID", "hr", "lv", "sk", "cz", "nl_BE", "de_CH", "en_AU"];

    public static readonly IReadOnlyList<string> LastNameLocales = ["tr", "fi", "nb_NO", "ro", "sv", "en_NG", "en_ZA", "hr", "nl_BE", "de_CH", "en_AU", "vi"];

    public static readonly IReadOnlyList<string> CityLocales = ["cz", "de_AT", "fr_CH", "pt_PT", "hr", "sk", "pl", "fr", "id_ID"];

    /// <summary>Per locale, the names the dictionary does not know.</summary>
    public static string[][] Names(IReadOnlyList<string> locales, bool first)
    {
        var lexicon = PhiLexicon.Default;
        var paths = first ? new[] { "first_name", "male_first_name", "female_first_name" } : new[] { "last_name" };
        return locales
            .Select(locale => paths.SelectMany(path => LexiconBuilder.Strings("name", path, locale))
                .Where(n => n.Length >= 2 && n.All(c => char.IsLetter(c) || c == '\'') && char.IsUpper(n[0]) && n.Any(char.IsLower))
                .Where(n => !lexicon.IsName(n) && !lexicon.IsCommon(n))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Order(StringComparer.Ordinal)
                .ToArray())
            .Where(list => list.Length > 0)
            .ToArray();
    }

    public static string[] Cities()
    {
        var lexicon = PhiLexicon.Default;
        return CityLocales
            .SelectMany(locale => LexiconBuilder.Strings("address", "city_name", locale))
            .Where(c => c.Length >= 3 && !c.Contains('(', StringComparison.Ordinal) && c.Split(' ').Length <= 2 && char.IsUpper(c[0]))
            .Where(c => !lexicon.Cities.Contains(c))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    public static readonly string[] HospitalForms =
    [
        "{city} General", "{last} Regional Medical Center", "Our Lady of {first} Hospital", "{last} Children's Hospital", "{city} VA Medical Center",
        "{last}-{last2} Infirmary", "Saint {first} Hospice", "{city} Kidney Center", "{last} Orthopaedic Institute", "{city} Family Health Center",
        "{last} Cancer Center", "Mercy {city} Hospital", "{city} Behavioral Health",
    ];

    public static readonly string[] OrganizationForms =
    [
        "{last} Drugstore", "{last} Mutual Insurance", "{city} Senior Living", "{last} Diagnostics", "{last} & {last2} Physical Therapy", "{city} Assisted Living",
    ];

    public static readonly string[] EmailForms = ["{f}_{l}@{d}.co.uk", "{l}{n}@{d}mail.net", "{f}.{l}@{d}.edu", "{fi}{l}@{d}.org"];

    public static readonly string[] UrlForms = ["https://www.{w}-care.org/portal/{n}", "{w}patients.com/login", "http://records.{w}.us/{n}", "ftp://files.{w}.net/scan{n}.pdf"];

    public static readonly string[] Relations = ["spouse", "eldest son", "stepdaughter", "grandson", "aunt", "nephew", "fiancé", "roommate", "brother-in-law", "guardian"];

    public static readonly string[] Eponyms =
    [
        "Murphy sign", "Homans sign", "Kernig sign", "the Wells score", "Barrett esophagus", "Bence Jones protein", "a Glasgow Coma Scale of 15", "Raynaud phenomenon",
        "Hashimoto thyroiditis", "Guillain-Barre syndrome", "a Ranson score of 2", "Meniere disease",
    ];

    public static readonly string[] StreetSuffixes = ["Way", "Terrace", "Circle", "Boulevard", "Parkway", "Court", "Trail", "Square", "Highway", "Pike", "Row", "Avenue", "Lane", "Road"];

    public static readonly string[] Units = ["Apt 4B", "Unit 12", "Suite 300", "#7", "Apt. 2F"];
}
