using System.Security.Cryptography;
using System.Text;
using Galen.Core.Privacy;
using Galen.Text.Deid.Keys;
using Galen.Text.Deid.Lexicons;

namespace Galen.Text.Deid.Operators;

/// <summary>
/// Makes the replacement for one piece of PHI under the <see cref="DeidOperator.Surrogate"/>
/// operator. Names and places get realistic fakes chosen by an HMAC of the value under the
/// patient's secret — the same real value, the same fake, in every note and table of that
/// patient, and unrelated fakes for other patients. Dates move by the patient's offset, identifiers
/// get keyed pseudonyms (<see cref="Pseudonymizer"/>), ages over 89 become "90+", ZIP codes their
/// three-digit prefix, and states stay (Safe Harbor allows them).
/// </summary>
public sealed class SurrogateFactory
{
    private static readonly string[] FakeFirst = LexiconBuilder.Strings("name", "first_name", "en").Where(n => n.All(char.IsLetter)).ToArray();
    private static readonly string[] FakeLast = LexiconBuilder.Strings("name", "last_name", "en").Where(n => n.All(char.IsLetter)).ToArray();
    private static readonly string[] CityPrefixes = LexiconBuilder.Strings("address", "city_prefix", "en").ToArray();
    private static readonly string[] CitySuffixes = LexiconBuilder.Strings("address", "city_suffix", "en").ToArray();
    private static readonly string[] StreetSuffixes = ["Street", "Avenue", "Road", "Lane", "Drive", "Court", "Way", "Place"];
    private static readonly string[] OrganizationKinds = ["Hospital", "Medical Center", "Clinic", "Health Center"];

    private readonly PhiLexicon _lexicon;

    public SurrogateFactory(PatientKeyStore keys, PhiLexicon? lexicon = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        Keys = keys;
        Pseudonyms = new Pseudonymizer(keys.PseudonymKey.ToArray());
        _lexicon = lexicon ?? PhiLexicon.Default;
    }

    public PatientKeyStore Keys { get; }

    public Pseudonymizer Pseudonyms { get; }

    /// <summary>The surrogate of <paramref name="value"/>, a piece of PHI of <paramref name="type"/> about <paramref name="patient"/>.</summary>
    public string Replace(PhiType type, string value, PatientSecrets patient)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(patient);
        return type switch
        {
            PhiType.PatientName or PhiType.RelativeName or PhiType.ClinicianName => Name(value, patient),
            PhiType.Date => DateShifter.Shift(value, patient.DateShiftDays) ?? PhiTags.For(type),
            PhiType.Age => "90+",
            PhiType.Zip => ZipGeneralizer.ToZip3(value) ?? PhiTags.For(type),
            PhiType.State => value,
            PhiType.City => KeepCase(value, City(Choose(patient, "city", value))),
            PhiType.StreetAddress => KeepCase(value, Street(Choose(patient, "street", value))),
            PhiType.Organization => KeepCase(value, Organization(Choose(patient, "organization", value))),
            PhiType.Email => Pseudonyms.Email(value),
            PhiType.Url => Pseudonyms.Url(value),
            PhiType.IpAddress => Pseudonyms.IpAddress(value),
            _ => Pseudonyms.ShapePreserving(type, value),
        };
    }

    /// <summary>A fake name word for every word of <paramref name="value"/>, so "John Smith" and "Mr. Smith" stay consistent.</summary>
    public string Name(string value, PatientSecrets patient)
    {
        ArgumentNullException.ThrowIfNull(value);
        var result = new StringBuilder(value.Length + 8);
        int i = 0;
        while (i < value.Length)
        {
            if (!char.IsLetter(value[i]))
            {
                result.Append(value[i++]);
                continue;
            }

            int j = i;
            while (j < value.Length && (char.IsLetter(value[j]) || (value[j] is '\'' && j + 1 < value.Length && char.IsLetter(value[j + 1]))))
            {
                j++;
            }

            string word = value[i..j];
            result.Append(KeepCase(word, NameWord(word, patient)));
            i = j;
        }

        return result.ToString();
    }

    private string NameWord(string word, PatientSecrets patient)
    {
        var hash = Choose(patient, "name", word);
        if (word.Length == 1)
        {
            char initial = (char)('A' + (hash[0] % 26));
            return initial == char.ToUpperInvariant(word[0]) ? ((char)('A' + ((hash[0] + 1) % 26))).ToString() : initial.ToString();
        }

        var pool = _lexicon.IsFirstName(word) && !_lexicon.IsLastName(word) ? FakeFirst : FakeLast;
        int index = (int)(BitConverter.ToUInt32(hash, 0) % (uint)pool.Length);
        string fake = pool[index];
        return fake.Equals(word, StringComparison.OrdinalIgnoreCase) ? pool[(index + 1) % pool.Length] : fake;
    }

    private static string City(byte[] hash)
    {
        string name = FakeFirst[BitConverter.ToUInt32(hash, 0) % (uint)FakeFirst.Length];
        return (hash[4] % 3) switch
        {
            0 => CityPrefixes[hash[5] % CityPrefixes.Length] + " " + name,
            1 => name + CitySuffixes[hash[5] % CitySuffixes.Length],
            _ => FakeLast[BitConverter.ToUInt32(hash, 8) % (uint)FakeLast.Length] + CitySuffixes[hash[5] % CitySuffixes.Length],
        };
    }

    private static string Street(byte[] hash) =>
        (100 + (BitConverter.ToUInt32(hash, 0) % 9800)).ToString(System.Globalization.CultureInfo.InvariantCulture) + " "
        + FakeLast[BitConverter.ToUInt32(hash, 4) % (uint)FakeLast.Length] + " " + StreetSuffixes[hash[8] % StreetSuffixes.Length];

    private static string Organization(byte[] hash) =>
        FakeLast[BitConverter.ToUInt32(hash, 0) % (uint)FakeLast.Length] + " " + OrganizationKinds[hash[4] % OrganizationKinds.Length];

    // HMAC of the kind and the case-folded value under the patient's secret.
    private static byte[] Choose(PatientSecrets patient, string kind, string value) =>
        HMACSHA256.HashData(patient.Secret, Encoding.UTF8.GetBytes(kind + "|" + string.Join(' ', value.ToUpperInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));

    // Upper-case originals get upper-case fakes, lower-case ones lower-case fakes.
    private static string KeepCase(string original, string fake)
    {
        bool anyLetter = false;
        bool allUpper = true;
        bool allLower = true;
        foreach (char c in original)
        {
            if (char.IsLetter(c))
            {
                anyLetter = true;
                allUpper &= char.IsUpper(c);
                allLower &= char.IsLower(c);
            }
        }

        return !anyLetter ? fake : allUpper && original.Length > 1 ? fake.ToUpperInvariant() : allLower ? fake.ToLowerInvariant() : fake;
    }
}
