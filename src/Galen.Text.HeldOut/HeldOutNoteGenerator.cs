using System.Globalization;
using System.Text;
using Bogus;
using Galen.Core.Privacy;
using Galen.Core.Randomness;
using Galen.Text.Corpus;
using Galen.Text.Nlp.Concepts;

namespace Galen.Text.HeldOut;

/// <summary>
/// Generates the held-apart annotated notes that de-identification is evaluated on: its own seed
/// stream, templates (<see cref="HeldOutTemplates"/>), surface forms (<see cref="HeldOutSurfaceForms"/>)
/// and noise — upper- and lower-case notes, hard line wraps, OCR-like character swaps, doubled
/// and missing spaces — none of which the detector was built or trained with.
/// </summary>
public sealed class HeldOutNoteGenerator
{
    /// <summary>The seed `galen deid --eval` uses when none is given.</summary>
    public const int DefaultSeed = 20_240_917;

    private static readonly string[][][] Kinds = [HeldOutTemplates.Soap, HeldOutTemplates.Letter, HeldOutTemplates.Phone, HeldOutTemplates.Radiology, HeldOutTemplates.Triage, HeldOutTemplates.Transfer];
    private static readonly string[] KindNames = ["Progress note", "Letter", "Telephone encounter", "Radiology", "ED triage", "Transfer summary"];
    private static readonly string[] States = ["MA", "NY", "Ohio", "TX", "California", "WA", "Oregon", "IL", "GA", "Minnesota", "PA", "Florida"];
    private static readonly (char From, char To)[] OcrSwaps = [('l', '1'), ('o', '0'), ('e', 'c'), ('i', 'l'), ('a', 'o'), ('s', '5'), ('t', 'f'), ('n', 'r'), ('h', 'b')];

    private readonly Random _rng;
    private readonly Faker _faker;
    private readonly string[][] _first;
    private readonly string[][] _last;
    private readonly string[] _cities;
    private readonly ConceptEntry[] _diseases;
    private readonly ConceptEntry[] _symptoms;
    private readonly ConceptEntry[] _drugs;
    private int _notes;

    private HeldOutNoteGenerator(int seed)
    {
        _rng = Seeds.Stream(seed, "deid.heldout-corpus");
        _faker = new Faker("en_GB") { Random = new Randomizer(Seeds.Derive(seed, "deid.heldout-corpus.bogus")) };
        _first = HeldOutSurfaceForms.Names(HeldOutSurfaceForms.FirstNameLocales, first: true);
        _last = HeldOutSurfaceForms.Names(HeldOutSurfaceForms.LastNameLocales, first: false);
        _cities = HeldOutSurfaceForms.Cities();
        var concepts = ConceptLexicon.Default.Entries;
        _diseases = concepts.Where(c => c.Kind == ConceptKind.Disease).ToArray();
        _symptoms = concepts.Where(c => c.Kind == ConceptKind.Symptom).ToArray();
        _drugs = concepts.Where(c => c.Kind == ConceptKind.Drug).ToArray();
    }

    /// <summary>A generator whose every choice follows <paramref name="seed"/>.</summary>
    public static HeldOutNoteGenerator Create(int seed = DefaultSeed) => new(seed);

    /// <summary>Every template string of the held-apart corpus (for the separation check).</summary>
    public static IEnumerable<string> Templates => Kinds.SelectMany(kind => kind.SelectMany(part => part));

    /// <summary>The held-apart surface-form lists that are fixed strings (for the separation check).</summary>
    public static IEnumerable<string> FixedSurfaceForms =>
        HeldOutSurfaceForms.HospitalForms.Concat(HeldOutSurfaceForms.OrganizationForms).Concat(HeldOutSurfaceForms.EmailForms)
            .Concat(HeldOutSurfaceForms.UrlForms).Concat(HeldOutSurfaceForms.Relations).Concat(HeldOutSurfaceForms.Eponyms);

    /// <summary>The names and cities the held-apart corpus draws from.</summary>
    public (IReadOnlyList<string> FirstNames, IReadOnlyList<string> LastNames, IReadOnlyList<string> Cities) NamePools =>
        (_first.SelectMany(x => x).ToArray(), _last.SelectMany(x => x).ToArray(), _cities);

    /// <summary><paramref name="notes"/> notes, a few per patient.</summary>
    public IReadOnlyList<AnnotatedNote> Generate(int notes)
    {
        var result = new List<AnnotatedNote>(notes);
        int patient = 0;
        while (result.Count < notes)
        {
            var person = NewPatient(patient++);
            int count = _rng.Next(1, 4);
            for (int k = 0; k < count && result.Count < notes; k++)
            {
                result.Add(Note(person));
            }
        }

        return result;
    }

    private sealed record Person(string First, string Last);

    private sealed record Patient(
        string SubjectId, Person Name, bool Female, int Age, DateTime Anchor, string Mrn, string Ssn, string Phone, string Email, string Street,
        string City, string State, string Zip, string Plan, string Account, Person Relative, string Relation, Person Doctor, Person Doctor2,
        Person Nurse, string Hospital, string Hospital2, string Organization, string Organization2, string Fax, string Url, string Ip);

    private Patient NewPatient(int index)
    {
        var name = NewPerson();
        string city = Pick(_cities);
        bool elderly = _rng.NextDouble() < 0.3;
        return new Patient(
            SubjectId: "E" + (70000 + index).ToString(CultureInfo.InvariantCulture),
            Name: name,
            Female: _rng.NextDouble() < 0.5,
            Age: elderly ? _rng.Next(90, 107) : _rng.Next(21, 90),
            Anchor: new DateTime(2012, 6, 1).AddDays(_rng.Next(0, 12 * 365)),
            Mrn: Format(["MR-#######", "########", "H#######", "##-###-###"]),
            Ssn: Format(["###-##-####", "### ## ####"]),
            Phone: PhoneNumber(),
            Email: Pick(HeldOutSurfaceForms.EmailForms)
                .Replace("{fi}", name.First[..1].ToLowerInvariant(), StringComparison.Ordinal)
                .Replace("{f}", Ascii(name.First).ToLowerInvariant(), StringComparison.Ordinal)
                .Replace("{l}", Ascii(name.Last).ToLowerInvariant(), StringComparison.Ordinal)
                .Replace("{n}", _rng.Next(10, 999).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{d}", _faker.Internet.DomainWord(), StringComparison.Ordinal),
            Street: Street(),
            City: city,
            State: Pick(States),
            Zip: _faker.Random.Replace(_rng.NextDouble() < 0.8 ? "#####" : "#####-####"),
            Plan: Format(["???#########", "?####-####", "#??#-??#-??##", "W#########"]),
            Account: Format(["ACC-#####-#", "##########", "FIN########"]),
            Relative: new Person(Pick(Pick(_first)), _rng.NextDouble() < 0.5 ? name.Last : Pick(Pick(_last))),
            Relation: Pick(HeldOutSurfaceForms.Relations),
            Doctor: NewPerson(),
            Doctor2: NewPerson(),
            Nurse: NewPerson(),
            Hospital: Organization(HeldOutSurfaceForms.HospitalForms, city),
            Hospital2: Organization(HeldOutSurfaceForms.HospitalForms, Pick(_cities)),
            Organization: Organization(HeldOutSurfaceForms.OrganizationForms, city),
            Organization2: Organization(HeldOutSurfaceForms.OrganizationForms, Pick(_cities)),
            Fax: PhoneNumber(),
            Url: Pick(HeldOutSurfaceForms.UrlForms).Replace("{w}", _faker.Internet.DomainWord(), StringComparison.Ordinal).Replace("{n}", _rng.Next(100, 99999).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
            Ip: _rng.NextDouble() < 0.8 ? _faker.Internet.Ip() : _faker.Internet.Ipv6());
    }

    private Person NewPerson() => new(Pick(Pick(_first)), Pick(Pick(_last)));

    private string Format(string[] formats) => _faker.Random.Replace(formats[_rng.Next(formats.Length)]).ToUpperInvariant();

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    private string PhoneNumber() => Format((["+1 (###) ###-####", "### ### ####", "(###)###-####", "1-800-###-####", "###.###.#### ext ##", "###/###-####"]));

    private string Street()
    {
        double r = _rng.NextDouble();
        string number = _rng.Next(1, 9999).ToString(CultureInfo.InvariantCulture);
        string street = r < 0.15 ? "PO Box " + _rng.Next(100, 9999).ToString(CultureInfo.InvariantCulture)
            : r < 0.35 ? number + " " + Ordinal(_rng.Next(1, 60)) + " " + Pick(HeldOutSurfaceForms.StreetSuffixes)
            : number + " " + Pick(Pick(_last)) + " " + Pick(HeldOutSurfaceForms.StreetSuffixes);
        return _rng.NextDouble() < 0.2 && !street.StartsWith("PO", StringComparison.Ordinal) ? street + ", " + Pick(HeldOutSurfaceForms.Units) : street;
    }

    private string Organization(string[] forms, string city) => Pick(forms)
        .Replace("{city}", city, StringComparison.Ordinal)
        .Replace("{last2}", Pick(Pick(_last)), StringComparison.Ordinal)
        .Replace("{last}", Pick(Pick(_last)), StringComparison.Ordinal)
        .Replace("{first}", Pick(Pick(_first)), StringComparison.Ordinal);

    private AnnotatedNote Note(Patient patient)
    {
        int kind = _rng.Next(Kinds.Length);
        bool ocr = _rng.NextDouble() < 0.2;
        var builder = new AnnotatedTextBuilder();
        foreach (var part in Kinds[kind])
        {
            NoteTemplate.Render(Pick(part), builder, (slot, b) => Slot(slot, b, patient), ocr ? Noisy : null);
        }

        string id = "E" + (++_notes).ToString("D6", CultureInfo.InvariantCulture);
        var note = builder.Build(id, patient.SubjectId, null, KindNames[kind]);
        string text = note.Text;
        double casing = _rng.NextDouble();
        text = casing < 0.12 ? text.ToUpperInvariant() : casing < 0.17 ? text.ToLowerInvariant() : text;
        if (_rng.NextDouble() < 0.25)
        {
            text = Wrap(text, _rng.Next(55, 80));
        }

        return note with { Text = text };
    }

    // OCR-like noise in the text around the PHI: look-alike characters, doubled or dropped spaces.
    private string Noisy(string literal)
    {
        var text = new StringBuilder(literal.Length + 4);
        for (int i = 0; i < literal.Length; i++)
        {
            char c = literal[i];
            double r = _rng.NextDouble();
            if (char.IsLetter(c) && r < 0.03)
            {
                var swap = OcrSwaps.FirstOrDefault(s => s.From == char.ToLowerInvariant(c));
                text.Append(swap.From == '\0' ? c : swap.To);
            }
            else if (c == ' ' && r < 0.05)
            {
                text.Append("  ");
            }
            else if (c == ' ' && i > 0 && literal[i - 1] is ',' or '.' && r < 0.15)
            {
                // A dropped space after punctuation.
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    // Hard line breaks at a column, as pasted or faxed text has them; length is kept.
    private static string Wrap(string text, int width)
    {
        var chars = text.ToCharArray();
        int column = 0;
        int lastSpace = -1;
        for (int i = 0; i < chars.Length; i++)
        {
            if (chars[i] == '\n')
            {
                column = 0;
                lastSpace = -1;
                continue;
            }

            if (chars[i] == ' ')
            {
                lastSpace = i;
            }

            if (++column > width && lastSpace >= 0)
            {
                chars[lastSpace] = '\n';
                column = i - lastSpace;
                lastSpace = -1;
            }
        }

        return new string(chars);
    }

    private void Slot(string slot, AnnotatedTextBuilder b, Patient p)
    {
        switch (slot)
        {
            case "pt_first": b.Append(p.Name.First, PhiType.PatientName); break;
            case "pt_last": b.Append(p.Name.Last, PhiType.PatientName); break;
            case "pt_full": b.Append(_rng.NextDouble() < 0.8 ? p.Name.First + " " + p.Name.Last : p.Name.Last.ToUpperInvariant() + " " + p.Name.First, PhiType.PatientName); break;
            case "pt_title": b.Append(p.Female ? Pick(["Mrs.", "Ms", "Ms."]) : Pick(["Mr.", "Mr"])); break;
            case "rel_full": b.Append(p.Relative.First + " " + p.Relative.Last, PhiType.RelativeName); break;
            case "rel_first": b.Append(p.Relative.First, PhiType.RelativeName); break;
            case "relation": b.Append(p.Relation); break;
            case "doc_full": b.Append(p.Doctor.First + " " + p.Doctor.Last, PhiType.ClinicianName); break;
            case "doc_first": b.Append(p.Doctor.First, PhiType.ClinicianName); break;
            case "doc_last": b.Append(p.Doctor.Last, PhiType.ClinicianName); break;
            case "doc2_full": b.Append(p.Doctor2.First + " " + p.Doctor2.Last, PhiType.ClinicianName); break;
            case "doc2_last": b.Append(p.Doctor2.Last, PhiType.ClinicianName); break;
            case "nurse_full": b.Append(p.Nurse.First + " " + p.Nurse.Last, PhiType.ClinicianName); break;
            case "when": DateIn(b, p, Pick(["MM/dd/yyyy", "M-d-yy", "yyyy/MM/dd", "M.d.yyyy", "ddd M/d/yy", "MM-dd-yyyy"])); break;
            case "when_text": DateIn(b, p, Pick(["MMM. d, yyyy", "d MMM yyyy", "MMMM dth, yyyy", "dth of MMMM", "MMM. d", "the dth", "MMMM d", "dd-MMM-yy"])); break;
            case "when_short": DateIn(b, p, Pick(["M/d", "MMM d", "the dth", "ddd M/d"])); break;
            case "month_year": DateIn(b, p, Pick(["MMMM yyyy", "MMM yyyy", "MMMM of yyyy"])); break;
            case "year": b.Append(p.Anchor.AddYears(-_rng.Next(2, 25)).Year.ToString(CultureInfo.InvariantCulture), PhiType.Date); break;
            case "dob":
                var dob = p.Anchor.AddYears(-p.Age).AddDays(-_rng.Next(0, 360));
                b.Append(dob.ToString(Pick(["yyyy-MM-dd", "MM/dd/yyyy", "d MMM yyyy", "M/d/yyyy"]), CultureInfo.InvariantCulture), PhiType.Date);
                break;
            case "time": b.Append(_rng.NextDouble() < 0.5 ? $"{_rng.Next(0, 24):D2}{_rng.Next(0, 60):D2}" : $"{_rng.Next(1, 13)}:{_rng.Next(0, 60):D2} {Pick(["AM", "PM", "am", "pm"])}"); break;
            case "age_text": AgeText(b, p); break;
            case "age_num":
                if (p.Age > 89)
                {
                    b.Append(p.Age.ToString(CultureInfo.InvariantCulture), PhiType.Age);
                }
                else
                {
                    b.Append(p.Age.ToString(CultureInfo.InvariantCulture));
                }

                break;
            case "mrn": b.Append(p.Mrn, PhiType.Mrn); break;
            case "ssn": b.Append(p.Ssn, PhiType.Ssn); break;
            case "phone": b.Append(p.Phone, PhiType.Phone); break;
            case "fax": b.Append(p.Fax, PhiType.Fax); break;
            case "email": b.Append(p.Email, PhiType.Email); break;
            case "plan": b.Append(p.Plan, PhiType.HealthPlanNumber); break;
            case "account": b.Append(p.Account, PhiType.AccountNumber); break;
            case "license": b.Append(Format(["?###-#####-#####", "??######", "?#######"]), PhiType.LicenseNumber); break;
            case "npi": b.Append(_faker.Random.Replace("##########"), PhiType.LicenseNumber); break;
            case "vin": b.Append(_faker.Vehicle.Vin(), PhiType.VehicleIdentifier); break;
            case "plate": b.Append(Format(["#???###", "??? ####", "???-####"]), PhiType.VehicleIdentifier); break;
            case "serial": b.Append(Format(["SN####-####?", "???######?", "##########"]), PhiType.DeviceIdentifier); break;
            case "device": b.Append(Pick(["an insulin pump", "a pacemaker", "a cochlear implant", "a left ventricular assist device"])); break;
            case "accession": b.Append(Format(["ACC########-####", "RAD-########"]), PhiType.OtherIdentifier); break;
            case "case": b.Append(Format(["####-CV-#####", "C#######"]), PhiType.OtherIdentifier); break;
            case "url": b.Append(p.Url, PhiType.Url); break;
            case "ip": b.Append(p.Ip, PhiType.IpAddress); break;
            case "street": b.Append(p.Street, PhiType.StreetAddress); break;
            case "city": b.Append(p.City, PhiType.City); break;
            case "state": b.Append(p.State, PhiType.State); break;
            case "zip": b.Append(p.Zip, PhiType.Zip); break;
            case "hospital": b.Append(p.Hospital, PhiType.Organization); break;
            case "hospital2": b.Append(p.Hospital2, PhiType.Organization); break;
            case "organization": b.Append(p.Organization, PhiType.Organization); break;
            case "organization2": b.Append(p.Organization2, PhiType.Organization); break;
            case "ward": b.Append(Pick(["4 West", "MICU", "Telemetry", "Oncology ward", "step-down unit"])); break;
            case "specialty": b.Append(Pick(["cardiology", "nephrology", "rheumatology", "neurology", "geriatrics"])); break;
            case "disease": b.Append(Pick(_diseases).Term); break;
            case "disease2":
                var other = Pick(_diseases);
                b.Append(other.Synonyms.Count > 0 && _rng.NextDouble() < 0.5 ? Pick(other.Synonyms) : other.Term);
                break;
            case "symptom": b.Append(Pick(_symptoms).Term); break;
            case "symptom2": b.Append(Pick(_symptoms).Term); break;
            case "drug": b.Append(Pick(_drugs).Term); break;
            case "drug2": b.Append(Pick(_drugs).Term); break;
            case "dose": b.Append(Pick(["12.5 mg", "50 mcg", "1 g", "250 mg", "2 puffs", "10 units", "75 mg"])); break;
            case "bp": b.Append($"{_rng.Next(90, 180)}/{_rng.Next(50, 105)}"); break;
            case "hr": b.Append(_rng.Next(48, 130).ToString(CultureInfo.InvariantCulture)); break;
            case "Eponym": b.Append(Pick(HeldOutSurfaceForms.Eponyms)); break;
            case "pro": b.Append(p.Female ? "she" : "he"); break;
            case "PronounCap": b.Append(p.Female ? "She" : "He"); break;
            case "pos": b.Append(p.Female ? "her" : "his"); break;
            case "obj": b.Append(p.Female ? "her" : "him"); break;
            default: throw new InvalidOperationException($"Held-out template slot '{slot}' is unknown.");
        }
    }

    private void AgeText(AnnotatedTextBuilder b, Patient p)
    {
        string age = p.Age.ToString(CultureInfo.InvariantCulture);
        string sex = p.Female ? Pick(["woman", "F", "female", "lady"]) : Pick(["man", "M", "male", "gentleman"]);
        int form = _rng.Next(5);
        if (form == 4)
        {
            b.Append("aged ");
        }
        else if (form == 3)
        {
            b.Append("a ");
        }

        if (p.Age > 89)
        {
            b.Append(age, PhiType.Age);
        }
        else
        {
            b.Append(age);
        }

        b.Append(form switch { 0 => " y.o. " + sex, 1 => "yo " + sex, 2 => " yr old " + sex, 3 => "-yr-old " + sex, _ => " " + sex });
    }

    private void DateIn(AnnotatedTextBuilder b, Patient p, string form)
    {
        var date = p.Anchor.AddDays(_rng.Next(-500, 90));
        string day = date.Day.ToString(CultureInfo.InvariantCulture) + Ordinal(date.Day)[^2..];
        switch (form)
        {
            case "the dth":
                b.Append("the ").Append(day, PhiType.Date);
                return;
            case "ddd M/d/yy" or "ddd M/d":
                b.Append(date.ToString("ddd", CultureInfo.InvariantCulture) + " ").Append(date.ToString(form[4..], CultureInfo.InvariantCulture), PhiType.Date);
                return;
            case "MMMM of yyyy":
                b.Append(date.ToString("MMMM", CultureInfo.InvariantCulture) + " of " + date.Year.ToString(CultureInfo.InvariantCulture), PhiType.Date);
                return;
            case "dth of MMMM":
                b.Append(day + " of " + date.ToString("MMMM", CultureInfo.InvariantCulture), PhiType.Date);
                return;
            case "MMMM dth, yyyy":
                b.Append(date.ToString("MMMM", CultureInfo.InvariantCulture) + " " + day + ", " + date.Year.ToString(CultureInfo.InvariantCulture), PhiType.Date);
                return;
            default:
                b.Append(date.ToString(form, CultureInfo.InvariantCulture), PhiType.Date);
                return;
        }
    }

    private static string Ordinal(int n) => n.ToString(CultureInfo.InvariantCulture) + ((n % 100) switch
    {
        11 or 12 or 13 => "th",
        _ => (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" },
    });

    private static string Ascii(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (char c in name.Normalize(NormalizationForm.FormD))
        {
            if (c < 128 && char.IsLetter(c))
            {
                text.Append(c);
            }
        }

        return text.Length > 0 ? text.ToString() : "user";
    }
}
