using System.Globalization;
using Bogus;
using Galen.Core.Privacy;
using Galen.Core.Randomness;
using Galen.Text.Deid.Lexicons;
using Galen.Text.Nlp.Concepts;

namespace Galen.Text.Corpus.Training;

/// <summary>
/// Generates annotated synthetic notes for training and developing the de-identification detector:
/// fake identities from Bogus (names from the dictionary's locales, plus invented names no
/// dictionary holds, so the learned layer must use context), rendered through
/// <see cref="TrainingTemplates"/> in several date forms and casings. The held-apart evaluation
/// corpus (Galen.Text.HeldOut) is a different generator with its own templates, lists and seed.
/// </summary>
public sealed class TrainingNoteGenerator
{
    private static readonly string[] DateForms =
        ["M/d/yy", "MM/dd/yyyy", "M/d/yyyy", "yyyy-MM-dd", "MMMM d, yyyy", "MMMM d", "ordinal", "dd-MMM-yyyy", "d MMMM yyyy", "MMM d", "M/d", "MMMM yyyy", "MMM d, yyyy"];

    private readonly Random _rng;
    private readonly Faker _faker;
    private readonly string[] _firstNames;
    private readonly string[] _lastNames;
    private readonly string[] _cities;
    private readonly KeyValuePair<string, string>[] _states;
    private readonly ConceptEntry[] _diseases;
    private readonly ConceptEntry[] _symptoms;
    private readonly ConceptEntry[] _drugs;
    private int _notes;

    /// <param name="seed">Seed of every choice; the same seed gives the same notes.</param>
    public TrainingNoteGenerator(int seed)
    {
        _rng = Seeds.Stream(seed, "deid.training-corpus");
        _faker = new Faker("en") { Random = new Randomizer(Seeds.Derive(seed, "deid.training-corpus.bogus")) };
        var lexicon = PhiLexicon.Default;
        _firstNames = lexicon.FirstNames.Order(StringComparer.Ordinal).ToArray();
        _lastNames = lexicon.LastNames.Order(StringComparer.Ordinal).ToArray();
        _cities = lexicon.Cities.Order(StringComparer.Ordinal).ToArray();
        _states = lexicon.States.OrderBy(s => s.Key, StringComparer.Ordinal).ToArray();
        var concepts = ConceptLexicon.Default.Entries;
        _diseases = concepts.Where(c => c.Kind == ConceptKind.Disease).ToArray();
        _symptoms = concepts.Where(c => c.Kind == ConceptKind.Symptom).ToArray();
        _drugs = concepts.Where(c => c.Kind == ConceptKind.Drug).ToArray();
    }

    /// <summary>Every template string of the training corpus (for the held-apart separation check).</summary>
    public static IEnumerable<string> Templates =>
        TrainingTemplates.Headers.Concat(TrainingTemplates.ChiefComplaint).Concat(TrainingTemplates.History).Concat(TrainingTemplates.PastHistory)
            .Concat(TrainingTemplates.Medications).Concat(TrainingTemplates.Allergies).Concat(TrainingTemplates.FamilyHistory)
            .Concat(TrainingTemplates.SocialHistory).Concat(TrainingTemplates.Exam).Concat(TrainingTemplates.Results)
            .Concat(TrainingTemplates.Assessment).Concat(TrainingTemplates.Footers);

    /// <summary><paramref name="patients"/> patients with <paramref name="notesPerPatient"/> notes each.</summary>
    public IReadOnlyList<AnnotatedNote> Generate(int patients, int notesPerPatient = 1)
    {
        var notes = new List<AnnotatedNote>(patients * notesPerPatient);
        for (int p = 0; p < patients; p++)
        {
            var patient = NewPatient(p);
            for (int k = 0; k < notesPerPatient; k++)
            {
                notes.Add(Note(patient));
            }
        }

        return notes;
    }

    private sealed record Person(string First, string Last);

    private sealed record Patient(
        string SubjectId, Person Name, string Middle, bool Female, int Age, DateTime Anchor, string Mrn, string Ssn, string Phone, string Email,
        string Street, string City, string State, string Zip, string Plan, string Account, Person Relative, string Relation,
        Person Clinician, Person Clinician2, string Hospital, string Organization, string Fax, string Url, string Ip, string License,
        string Plate, string Device, string DeviceKind, string Employer);

    private Patient NewPatient(int index)
    {
        bool female = _rng.NextDouble() < 0.5;
        int age = _rng.NextDouble() < 0.25 ? _rng.Next(90, 105) : _rng.Next(19, 90);
        var anchor = new DateTime(2010, 1, 1).AddDays(_rng.Next(0, 14 * 365));
        var (stateName, stateAbbr) = _states[_rng.Next(_states.Length)];
        var name = NewPerson();
        string city = _rng.NextDouble() < 0.5 ? _cities[_rng.Next(_cities.Length)] : _faker.Address.City();
        return new Patient(
            SubjectId: (10000 + index).ToString(CultureInfo.InvariantCulture),
            Name: name,
            Middle: ((char)('A' + _rng.Next(26))).ToString(),
            Female: female,
            Age: age,
            Anchor: anchor,
            Mrn: _rng.NextDouble() < 0.5 ? _faker.Random.Replace("########") : _faker.Random.Replace("??######").ToUpperInvariant(),
            Ssn: _faker.Random.Replace("###-##-####"),
            Phone: Phone(),
            Email: $"{name.First.ToLowerInvariant()}.{name.Last.ToLowerInvariant()}{_rng.Next(1, 99)}@{Pick(TrainingSurfaceForms.EmailDomains)}",
            Street: _faker.Address.StreetAddress(_rng.NextDouble() < 0.2),
            City: city,
            State: _rng.NextDouble() < 0.7 ? stateAbbr : stateName,
            Zip: _rng.NextDouble() < 0.85 ? _faker.Address.ZipCode("#####") : _faker.Address.ZipCode("#####-####"),
            Plan: _faker.Random.Replace("???#########").ToUpperInvariant(),
            Account: _faker.Random.Replace("#########"),
            Relative: new Person(NewPerson().First, _rng.NextDouble() < 0.6 ? name.Last : NewPerson().Last),
            Relation: Pick(TrainingSurfaceForms.Relations),
            Clinician: NewPerson(),
            Clinician2: NewPerson(),
            Hospital: Fill(Pick(TrainingSurfaceForms.HospitalPatterns), city, stateName),
            Organization: Fill(Pick(TrainingSurfaceForms.OrganizationPatterns), city, stateName),
            Fax: Phone(),
            Url: Pick(TrainingSurfaceForms.UrlPatterns).Replace("{word}", _faker.Lorem.Word(), StringComparison.Ordinal).Replace("{n}", _faker.Random.Replace("#####"), StringComparison.Ordinal),
            Ip: _faker.Internet.Ip(),
            License: _faker.Random.Replace("??#######").ToUpperInvariant(),
            Plate: _faker.Random.Replace("#??-####").ToUpperInvariant(),
            Device: _faker.Random.Replace("??######?").ToUpperInvariant(),
            DeviceKind: Pick(TrainingSurfaceForms.DeviceKinds),
            Employer: Pick(TrainingSurfaceForms.Employers));
    }

    private Person NewPerson()
    {
        // One name in four is invented, so no dictionary holds it and only context can find it.
        if (_rng.NextDouble() < 0.25)
        {
            return new Person(Invented(), Invented());
        }

        return new Person(Pick(_firstNames), Pick(_lastNames));
    }

    private string Invented()
    {
        int syllables = _rng.Next(2, 4);
        var name = new System.Text.StringBuilder();
        for (int s = 0; s < syllables; s++)
        {
            name.Append(Pick(TrainingSurfaceForms.InventedOnsets)).Append(Pick(TrainingSurfaceForms.InventedVowels));
        }

        name.Append(Pick(TrainingSurfaceForms.InventedCodas));
        name[0] = char.ToUpperInvariant(name[0]);
        return name.ToString();
    }

    private string Phone() => _rng.Next(4) switch
    {
        0 => _faker.Random.Replace("(###) ###-####"),
        1 => _faker.Random.Replace("###-###-####"),
        2 => _faker.Random.Replace("###.###.####"),
        _ => _faker.Random.Replace("###-###-#### x###"),
    };

    private string Fill(string pattern, string city, string state) => pattern
        .Replace("{last}", Pick(_lastNames), StringComparison.Ordinal)
        .Replace("{first}", Pick(_firstNames), StringComparison.Ordinal)
        .Replace("{city}", city, StringComparison.Ordinal)
        .Replace("{state}", state, StringComparison.Ordinal);

    private AnnotatedNote Note(Patient patient)
    {
        var builder = new AnnotatedTextBuilder();
        string title = Pick(TrainingSurfaceForms.NoteTitles);
        var sections = new List<string[]>
        {
            TrainingTemplates.Headers, TrainingTemplates.ChiefComplaint, TrainingTemplates.History, TrainingTemplates.PastHistory,
            TrainingTemplates.Medications, TrainingTemplates.Allergies,
        };
        if (_rng.NextDouble() < 0.6)
        {
            sections.Add(TrainingTemplates.FamilyHistory);
        }

        sections.Add(TrainingTemplates.SocialHistory);
        sections.Add(TrainingTemplates.Exam);
        sections.Add(TrainingTemplates.Results);
        if (_rng.NextDouble() < 0.5)
        {
            sections.Add(TrainingTemplates.Results);
        }

        sections.Add(TrainingTemplates.Assessment);
        sections.Add(TrainingTemplates.Footers);
        foreach (var section in sections)
        {
            NoteTemplate.Render(Pick(section), builder, (slot, b) => Slot(slot, b, patient, title));
        }

        string id = "T" + (++_notes).ToString("D6", CultureInfo.InvariantCulture);
        var note = builder.Build(id, patient.SubjectId, null, title);
        double casing = _rng.NextDouble();
        return casing < 0.10 ? note with { Text = note.Text.ToUpperInvariant() }
            : casing < 0.14 ? note with { Text = note.Text.ToLowerInvariant() }
            : note;
    }

    private void Slot(string slot, AnnotatedTextBuilder b, Patient p, string title)
    {
        switch (slot)
        {
            case "title": b.Append(title); break;
            case "patient":
                if (_rng.NextDouble() < 0.3)
                {
                    b.Append(p.Name.First, PhiType.PatientName).Append(" ").Append(p.Middle, PhiType.PatientName).Append(". ").Append(p.Name.Last, PhiType.PatientName);
                }
                else
                {
                    b.Append(p.Name.First + " " + p.Name.Last, PhiType.PatientName);
                }

                break;
            case "patient_lf": b.Append(p.Name.Last + ", " + p.Name.First, PhiType.PatientName); break;
            case "patient_last": b.Append(p.Name.Last, PhiType.PatientName); break;
            case "relative": b.Append(_rng.NextDouble() < 0.5 ? p.Relative.First : p.Relative.First + " " + p.Relative.Last, PhiType.RelativeName); break;
            case "relation": b.Append(p.Relation); break;
            case "clinician_full": b.Append(p.Clinician.First + " " + p.Clinician.Last, PhiType.ClinicianName); break;
            case "clinician_last": b.Append(p.Clinician.Last, PhiType.ClinicianName); break;
            case "clinician2_full": b.Append(p.Clinician2.First + " " + p.Clinician2.Last, PhiType.ClinicianName); break;
            case "clinician2_last": b.Append(p.Clinician2.Last, PhiType.ClinicianName); break;
            case "clinician_email": b.Append($"{p.Clinician.First[0]}{p.Clinician.Last}@{p.Hospital.Split(' ')[0]}.org".ToLowerInvariant(), PhiType.Email); break;
            case "dob": b.Append(p.Anchor.AddYears(-p.Age).AddDays(-_rng.Next(365)).ToString(_rng.NextDouble() < 0.7 ? "MM/dd/yyyy" : "M/d/yy", CultureInfo.InvariantCulture), PhiType.Date); break;
            case "date": DateValue(b, p, Pick(DateForms)); break;
            case "date_num": DateValue(b, p, Pick(["MM/dd/yyyy", "M/d/yy", "yyyy-MM-dd", "M/d/yyyy"])); break;
            case "date_text": DateValue(b, p, Pick(["MMMM d, yyyy", "MMMM d", "ordinal", "dd-MMM-yyyy", "d MMMM yyyy", "MMM d, yyyy"])); break;
            case "date_short": DateValue(b, p, Pick(["M/d", "MMM d", "ordinal", "M/d/yy"])); break;
            case "date_phrase":
                if (_rng.NextDouble() < 0.4)
                {
                    b.Append("on the ");
                    var day = p.Anchor.AddDays(-_rng.Next(1, 20)).Day;
                    b.Append(day.ToString(CultureInfo.InvariantCulture) + Ordinal(day), PhiType.Date);
                }
                else
                {
                    b.Append("on ");
                    DateValue(b, p, Pick(DateForms));
                }

                break;
            case "year": b.Append(p.Anchor.AddYears(-_rng.Next(1, 15)).Year.ToString(CultureInfo.InvariantCulture), PhiType.Date); break;
            case "time": b.Append($"{_rng.Next(0, 24):D2}:{_rng.Next(0, 60):D2}"); break;
            case "age": AgeValue(b, p.Age); break;
            case "age_parent": AgeValue(b, _rng.Next(55, 99)); break;
            case "sex": b.Append(p.Female ? Pick(["female", "woman", "F"]) : Pick(["male", "man", "M"])); break;
            case "Pronoun": b.Append(p.Female ? "She" : "He"); break;
            case "possessive": b.Append(p.Female ? "her" : "his"); break;
            case "mrn": b.Append(p.Mrn, PhiType.Mrn); break;
            case "ssn": b.Append(p.Ssn, PhiType.Ssn); break;
            case "phone": b.Append(p.Phone, PhiType.Phone); break;
            case "fax": b.Append(p.Fax, PhiType.Fax); break;
            case "email": b.Append(p.Email, PhiType.Email); break;
            case "plan": b.Append(p.Plan, PhiType.HealthPlanNumber); break;
            case "account": b.Append(p.Account, PhiType.AccountNumber); break;
            case "license": b.Append(p.License, PhiType.LicenseNumber); break;
            case "plate": b.Append(p.Plate, PhiType.VehicleIdentifier); break;
            case "device": b.Append(p.Device, PhiType.DeviceIdentifier); break;
            case "device_kind": b.Append(p.DeviceKind); break;
            case "url": b.Append(p.Url, PhiType.Url); break;
            case "ip": b.Append(p.Ip, PhiType.IpAddress); break;
            case "street": b.Append(p.Street, PhiType.StreetAddress); break;
            case "city": b.Append(p.City, PhiType.City); break;
            case "state": b.Append(p.State, PhiType.State); break;
            case "zip": b.Append(p.Zip, PhiType.Zip); break;
            case "hospital": b.Append(p.Hospital, PhiType.Organization); break;
            case "organization": b.Append(p.Organization, PhiType.Organization); break;
            case "employer": b.Append(p.Employer); break;
            case "disease": b.Append(Pick(_diseases).Term); break;
            case "disease2": b.Append(Pick(_diseases).Term); break;
            case "symptom": b.Append(Pick(_symptoms).Term); break;
            case "symptom2": b.Append(Pick(_symptoms).Term); break;
            case "drug": b.Append(Pick(_drugs).Term); break;
            case "drug2": b.Append(Pick(_drugs).Term); break;
            case "dose": b.Append(Pick(["5 mg", "10 mg", "20 mg", "25 mg", "40 mg", "81 mg", "100 mg", "500 mg", "1000 mg", "0.5 mg", "2 units"])); break;
            case "duration": b.Append(Pick(["2 days", "3 days", "1 week", "2 weeks", "several months", "48 hours", "one month"])); break;
            case "eponym": b.Append(Pick(TrainingSurfaceForms.Eponyms)); break;
            case "Eponym":
                var eponym = Pick(TrainingSurfaceForms.Eponyms);
                b.Append(char.ToUpperInvariant(eponym[0]) + eponym[1..]);
                break;
            case "hr": b.Append(_rng.Next(55, 120).ToString(CultureInfo.InvariantCulture)); break;
            case "bp": b.Append($"{_rng.Next(95, 170)}/{_rng.Next(55, 100)}"); break;
            default: throw new InvalidOperationException($"Training template slot '{slot}' is unknown.");
        }
    }

    private void DateValue(AnnotatedTextBuilder b, Patient p, string form)
    {
        var date = p.Anchor.AddDays(_rng.Next(-400, 60));
        if (form == "ordinal")
        {
            b.Append(date.ToString("MMMM", CultureInfo.InvariantCulture) + " " + date.Day.ToString(CultureInfo.InvariantCulture) + Ordinal(date.Day), PhiType.Date);
            return;
        }

        b.Append(date.ToString(form, CultureInfo.InvariantCulture), PhiType.Date);
    }

    private static void AgeValue(AnnotatedTextBuilder b, int age)
    {
        string text = age.ToString(CultureInfo.InvariantCulture);
        if (age > 89)
        {
            b.Append(text, PhiType.Age);
        }
        else
        {
            b.Append(text);
        }
    }

    internal static string Ordinal(int day) => (day % 100) switch
    {
        11 or 12 or 13 => "th",
        _ => (day % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" },
    };

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];
}
