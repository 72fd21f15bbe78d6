using System.Globalization;
using Galen.Core.Randomness;
using Galen.Data.Synthetic.Model;

namespace Galen.Data.Synthetic.Generation;

/// <summary>Draws the synthetic health system's sites and staff once per seed.</summary>
internal static class HospitalSettingFactory
{
    /// <summary>Specialties and how many clinicians of each the roster holds.</summary>
    public static readonly (string Specialty, int Count)[] Roster =
    [
        ("Hospital Medicine", 90),
        ("Cardiology", 25),
        ("Neurology", 12),
        ("Orthopaedic Surgery", 12),
        ("General Surgery", 12),
        ("Critical Care", 20),
        ("Primary Care", 60),
    ];

    public static HospitalSetting Create(int seed)
    {
        var faker = IdentityFactory.Seeded(Seeds.Derive(seed, "synth.hospital"));
        string[] patterns = ["{0} General Hospital", "St. {1} Medical Center", "{1} Memorial Hospital", "{0} Community Hospital", "{0} University Hospital"];
        var sites = new List<HospitalSite>();
        var usedDomains = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < 4; i++)
        {
            string city = faker.Address.City();
            string name = string.Format(CultureInfo.InvariantCulture, patterns[i], city, faker.Name.LastName());
            string domain = new string(name.Where(char.IsLetter).ToArray()).ToLowerInvariant() + ".org";
            if (!usedDomains.Add(domain))
            {
                domain = (i + 1).ToString(CultureInfo.InvariantCulture) + domain;
                usedDomains.Add(domain);
            }

            sites.Add(new HospitalSite(name, faker.Address.StreetAddress(), city, faker.Address.StateAbbr(), faker.Address.ZipCode("#####"),
                IdentityFactory.Phone(faker), IdentityFactory.Phone(faker), domain, string.Create(CultureInfo.InvariantCulture, $"10.{20 + i}.{faker.Random.Number(0, 255)}")));
        }

        var clinicians = new List<Clinician>();
        foreach (var (specialty, count) in Roster)
        {
            for (int i = 0; i < count; i++)
            {
                bool female = faker.Random.Bool();
                string first = faker.Name.FirstName(female ? Bogus.DataSets.Name.Gender.Female : Bogus.DataSets.Name.Gender.Male);
                string last = faker.Name.LastName();
                string credential = specialty == "Primary Care" && faker.Random.Bool(0.25f) ? "NP" : faker.Random.Bool(0.9f) ? "MD" : "DO";
                string domain = sites[faker.Random.Number(0, sites.Count - 1)].Domain;
                string email = (first[..1] + new string(last.Where(char.IsLetter).ToArray())).ToLowerInvariant() + "@" + domain;
                clinicians.Add(new Clinician(first, last, credential, specialty, credential + faker.Random.Replace("######"), email, IdentityFactory.Phone(faker)));
            }
        }

        return new HospitalSetting(sites, clinicians);
    }
}
