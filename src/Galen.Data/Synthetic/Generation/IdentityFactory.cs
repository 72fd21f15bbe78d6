using System.Globalization;
using Bogus;
using Galen.Data.Synthetic.Model;
using BogusGender = Bogus.DataSets.Name.Gender;

namespace Galen.Data.Synthetic.Generation;

/// <summary>
/// Makes fake identities with Bogus. Each identity comes from a Faker whose randomizer is
/// re-seeded from the patient's own seed, so the same seed gives the same people regardless of
/// the thread or order they are made in.
/// </summary>
internal static class IdentityFactory
{
    private static readonly ThreadLocal<Faker> Fakers = new(() => new Faker("en"));

    private static readonly string[] PartnerRelations = ["wife", "husband", "partner"];
    private static readonly string[] ChildRelations = ["son", "daughter"];
    private static readonly string[] OtherRelations = ["sister", "brother", "niece", "nephew", "friend", "neighbor"];

    /// <summary>A Faker re-seeded for one use; valid until the next call on this thread.</summary>
    public static Faker Seeded(int seed)
    {
        var faker = Fakers.Value!;
        faker.Random = new Randomizer(seed);
        return faker;
    }

    public static PatientIdentity Patient(int seed, bool female, int age, HospitalSite site, bool hasDevice)
    {
        var faker = Seeded(seed);
        var gender = female ? BogusGender.Female : BogusGender.Male;
        string first = faker.Name.FirstName(gender);
        string last = faker.Name.LastName();
        string middle = faker.Random.String2(1, "ABCDEFGHIJKLMNOPRSTW");
        var relatives = new List<Relative>();
        if (age >= 25 && faker.Random.Bool(0.6f))
        {
            string relation = faker.PickRandom(PartnerRelations);
            bool partnerFemale = relation switch
            {
                "wife" => true,
                "husband" => false,
                _ => faker.Random.Bool(),
            };
            relatives.Add(new Relative(faker.Name.FirstName(partnerFemale ? BogusGender.Female : BogusGender.Male), faker.Random.Bool(0.75f) ? last : faker.Name.LastName(), relation, Phone(faker)));
        }

        if (age >= 45 && faker.Random.Bool(0.55f))
        {
            string relation = faker.PickRandom(ChildRelations);
            relatives.Add(new Relative(faker.Name.FirstName(relation == "daughter" ? BogusGender.Female : BogusGender.Male), faker.Random.Bool(0.6f) ? last : faker.Name.LastName(), relation, Phone(faker)));
        }

        if (relatives.Count == 0 || faker.Random.Bool(0.25f))
        {
            string relation = faker.PickRandom(OtherRelations);
            bool relFemale = relation is "sister" or "niece" || (relation is "friend" or "neighbor" && faker.Random.Bool());
            relatives.Add(new Relative(faker.Name.FirstName(relFemale ? BogusGender.Female : BogusGender.Male), relation is "sister" or "brother" && faker.Random.Bool(0.7f) ? last : faker.Name.LastName(), relation, Phone(faker)));
        }

        return new PatientIdentity
        {
            FirstName = first,
            MiddleInitial = middle,
            LastName = last,
            Ssn = Ssn(faker),
            Mrn = faker.Random.Number(0, 999_999_999).ToString("D9", CultureInfo.InvariantCulture),
            HealthPlanNumber = faker.Random.String2(3, "ABCDEFGHJKLMNPRSTUVWXYZ") + faker.Random.Number(0, 999_999_999).ToString("D9", CultureInfo.InvariantCulture),
            Street = faker.Address.StreetAddress(),
            City = faker.Address.City(),
            State = faker.Address.StateAbbr(),
            Zip = faker.Address.ZipCode("#####"),
            HomePhone = Phone(faker),
            Email = faker.Internet.Email(first, last).ToLowerInvariant(),
            PortalUrl = "https://portal." + site.Domain + "/patients/" + faker.Random.AlphaNumeric(10),
            DeviceSerial = hasDevice ? faker.Random.String2(3, "ABCDEFGHJKLMNPRSTUVWXYZ") + faker.Random.Number(0, 999_999).ToString("D6", CultureInfo.InvariantCulture) + faker.Random.String2(1, "ABCDEFGHJKLMNPRSTUVWXYZ") : null,
            Relatives = relatives,
        };
    }

    /// <summary>A US phone number "(AAA) EEE-LLLL" with area and exchange codes in 201–989 (one draw, split into parts).</summary>
    public static string Phone(Faker faker)
    {
        long n = faker.Random.Long(0, (789L * 789 * 10000) - 1);
        int line = (int)(n % 10000);
        int exchange = 201 + (int)(n / 10000 % 789);
        int area = 201 + (int)(n / 10000 / 789);
        return string.Create(CultureInfo.InvariantCulture, $"({area}) {exchange}-{line:0000}");
    }

    /// <summary>An SSN in a valid-looking range: area 001–899 except 666, group 01–99, serial 0001–9999 (one draw, split into parts).</summary>
    private static string Ssn(Faker faker)
    {
        long n = faker.Random.Long(0, (898L * 99 * 9999) - 1);
        int serial = 1 + (int)(n % 9999);
        int group = 1 + (int)(n / 9999 % 99);
        int area = 1 + (int)(n / 9999 / 99);
        if (area == 666)
        {
            area = 667;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{area:000}-{group:00}-{serial:0000}");
    }
}
