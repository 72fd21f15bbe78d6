using System.Globalization;
using System.Text;
using Galen.Core.Errors;
using Galen.Core.Privacy;
using Galen.Data.Synthetic.Catalog;
using Galen.Data.Synthetic.Generation;
using Galen.Data.Synthetic.Model;

namespace Galen.Data.Synthetic.Notes;

/// <summary>
/// Writes an admission's notes from a <see cref="NoteTemplateSet"/>: fills every slot from the
/// patient, the admission and the hospital, choosing surface forms at random, and annotates
/// every piece of PHI it writes. Clinical content (symptoms present and denied, medications,
/// vital signs, labs) comes from the admission's own record up to the note's time.
/// </summary>
/// <remarks>
/// The problem-oriented paragraphs (<c>{problems}</c>) draw from a random stream of their own,
/// seeded by <paramref name="problemSeed"/>, the patient and the admission, so that writing them
/// leaves every other draw of the patient's stream, and so the rest of the record, as it was.
/// </remarks>
internal sealed class NoteComposer(NoteTemplateSet set, HospitalSetting setting, int problemSeed)
{
    private NoteTemplateSet Templates { get; } = set;

    private HospitalSetting Setting { get; } = setting;

    private int ProblemSeed { get; } = problemSeed;

    private static readonly string[] DateArguments = ["admit", "discharge", "death", "followup", "prior", "note", "intubation"];
    private static readonly string[] TimeArguments = ["admit", "death", "note"];
    private static readonly string[] Aggregates = ["first", "min", "max", "peak", "last"];

    private static readonly Dictionary<string, Analyte> MeasurementKeys = new(StringComparer.Ordinal)
    {
        ["temp"] = Analyte.Temperature,
        ["hr"] = Analyte.HeartRate,
        ["sbp"] = Analyte.SystolicBloodPressure,
        ["dbp"] = Analyte.DiastolicBloodPressure,
        ["rr"] = Analyte.RespiratoryRate,
        ["spo2"] = Analyte.OxygenSaturation,
        ["lactate"] = Analyte.Lactate,
        ["bnp"] = Analyte.Bnp,
        ["troponin"] = Analyte.TroponinI,
        ["hgb"] = Analyte.Hemoglobin,
        ["creat"] = Analyte.Creatinine,
        ["glucose"] = Analyte.Glucose,
        ["wbc"] = Analyte.WhiteBloodCells,
        ["na"] = Analyte.Sodium,
        ["k"] = Analyte.Potassium,
        ["plt"] = Analyte.Platelets,
    };

    /// <summary>Slots the composer fills itself; any other slot must name a phrase section.</summary>
    private static readonly HashSet<string> BuiltinSlots = new(StringComparer.Ordinal)
    {
        "patient.name", "patient.ref", "patient.first", "patient.last", "mrn", "ssn", "plan.id", "account", "dob", "age",
        "address", "street", "city", "state", "zip", "phone", "email", "portal",
        "relative.name", "relative.first", "relative.relation", "relative.phone",
        "attending", "attending.license", "attending.pager", "attending.email", "attending.specialty",
        "pcp", "pcp.site", "pcp.phone", "pcp.fax", "pcp.email", "consultant",
        "hospital", "hospital.address", "hospital.phone", "hospital.fax", "ip", "device", "device.description", "date", "time",
        "sex.noun", "sex.letter", "pronoun", "pronoun.cap", "possessive", "possessive.cap", "insurance", "service", "reason.name",
        "icu.unit", "prior.reason",
        "cc", "hpi", "pmh", "pmh.inline", "home_meds", "allergies", "social", "ros", "exam", "labs", "assessment", "plan",
        "course", "death_course", "family_notified", "discharge_meds", "disposition", "discharge_condition", "smoking",
        "symptoms", "negatives", "negatives.or", "diagnosis.principal", "diagnosis.secondary", "procedures", "signature",
        "problems", "problem.name", "problem.presentation", "problem.drugs", "reason.drugs",
    };

    /// <summary>Chance that the inline past history names the home medications taken for a condition ("CHF on furosemide").</summary>
    private const double HistoryWithMedications = 0.3;

    /// <summary>Chance that an HPI ends with what the patient was given in the ED and admitted for.</summary>
    private const double HpiAdmittedFor = 0.6;

    /// <summary>Kinds of problem paragraph; a set that uses <c>{problems}</c> needs <c>[problem-KIND:NOTE]</c> for each and every note kind.</summary>
    private static readonly string[] ProblemSections = ["problem-acute", "problem-supportive", "problem-chronic", "problem-untreated"];

    /// <summary>The labs an admission note lists, with the abbreviations clinicians write.</summary>
    private static readonly (string Label, Analyte Analyte)[] LabSummary =
    [
        ("Na", Analyte.Sodium), ("K", Analyte.Potassium), ("HCO3", Analyte.Bicarbonate), ("BUN", Analyte.UreaNitrogen), ("Cr", Analyte.Creatinine),
        ("glucose", Analyte.Glucose), ("WBC", Analyte.WhiteBloodCells), ("Hgb", Analyte.Hemoglobin), ("Plt", Analyte.Platelets), ("lactate", Analyte.Lactate),
        ("troponin", Analyte.TroponinI), ("BNP", Analyte.Bnp), ("INR", Analyte.Inr), ("HbA1c", Analyte.HbA1c),
    ];

    private static readonly string[] RequiredForms = ["patient-name-form", "patient-reference-form", "clinician-name-form", "relative-name-form", "date-form", "phone-form", "age-form"];

    private static readonly string[] RequiredPhrases = ["hpi-open", "hpi-negatives", "hpi-prior", "hpi-ed", "exam-vitals", "exam-general:well", "exam-general:ill", "signature", "followup", "discharge-condition",
        "death-course", "family-notified", "course-icu", "course-intubated", "device-description", "social", "ros", "smoking:never", "smoking:former", "smoking:current",
        "disposition:home", "disposition:home_health", "disposition:facility", "disposition:rehab"];

    /// <summary>Checks a template set against what the composer can fill; errors name the file and the slot.</summary>
    internal static void Validate(NoteTemplateSet templates, string notesSource, string phrasesSource)
    {
        foreach (var form in RequiredForms)
        {
            _ = templates.Forms(form);
        }

        foreach (var phrase in RequiredPhrases)
        {
            _ = templates.Phrases(phrase);
        }

        foreach (var reason in ReasonCatalog.All)
        {
            foreach (var prefix in new[] { "cc", "exam", "assessment", "plan", "course" })
            {
                _ = templates.Phrases(prefix + ":" + reason.Key);
            }
        }

        if (templates.AllTemplates.Any(t => t.Slots.Any(s => s.Name == "problems")))
        {
            foreach (var section in ProblemSections)
            {
                foreach (var kind in NoteTemplateSet.RequiredKinds)
                {
                    _ = templates.Phrases(section + ":" + kind);
                }
            }
        }

        foreach (var template in templates.AllTemplates)
        {
            foreach (var slot in template.Slots)
            {
                if (!IsKnown(templates, slot))
                {
                    throw new GalenInputException($"Unknown slot '{{{slot.Name}{(slot.Argument is null ? string.Empty : ":" + slot.Argument)}}}'.",
                        new SourceLocation(notesSource + " or " + phrasesSource, null, "slot", slot.Name),
                        "Use a slot listed in src/Galen.Data/Synthetic/Notes/Templates/README.md or the name of a phrase section.");
                }
            }
        }
    }

    private static bool IsKnown(NoteTemplateSet templates, SlotSegment slot)
    {
        if (slot.Name == "date")
        {
            return DateArguments.Contains(slot.Argument);
        }

        if (slot.Name == "time")
        {
            return TimeArguments.Contains(slot.Argument);
        }

        if (BuiltinSlots.Contains(slot.Name) || templates.HasPhrases(slot.Name))
        {
            return slot.Argument is null;
        }

        if (slot.Argument is not null && templates.HasPhrases(slot.Name + ":" + slot.Argument))
        {
            return true;
        }

        int dot = slot.Name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && MeasurementKeys.ContainsKey(slot.Name[..dot]) && Aggregates.Contains(slot.Name[(dot + 1)..]);
    }

    /// <summary>The admission note and the discharge (or death) summary of one admission.</summary>
    public IReadOnlyList<ClinicalNote> Compose(PatientDraft patient, SyntheticAdmission admission, Random rng)
    {
        var profile = ReasonCatalog.Get(admission.Reason);
        var present = new List<Symptom>();
        foreach (var f in profile.Symptoms)
        {
            if (rng.Chance(f.Probability))
            {
                present.Add(f.Symptom);
            }
        }

        if (present.Count == 0)
        {
            present.Add(profile.Symptoms.MaxBy(f => f.Probability)!.Symptom);
        }

        var candidates = Symptoms.ReviewOfSystems.Where(s => !present.Contains(s) && !profile.Symptoms.Any(f => f.Symptom == s && f.Probability > 0.5)).ToList();
        var negatives = new List<Symptom>();
        int wanted = rng.Next(3, 6);
        while (negatives.Count < wanted && candidates.Count > 0)
        {
            int i = rng.Next(candidates.Count);
            negatives.Add(candidates[i]);
            candidates.RemoveAt(i);
        }

        var notes = new List<ClinicalNote>(2);
        var admitNoteTime = Minutes.Floor(admission.AdmitTime.AddHours(rng.Uniform(2, 8)));
        notes.Add(Write("admission", "Physician", "Admission History and Physical", admitNoteTime, patient, admission, present, negatives, rng));
        if (admission.DiedInHospital)
        {
            notes.Add(Write("death", "Discharge summary", "Report", Minutes.Floor(admission.DischargeTime.AddHours(rng.Uniform(0.5, 3))), patient, admission, present, negatives, rng));
        }
        else
        {
            notes.Add(Write("discharge", "Discharge summary", "Report", Minutes.Floor(admission.DischargeTime.AddHours(rng.Uniform(0, 2))), patient, admission, present, negatives, rng));
        }

        return notes;
    }

    private ClinicalNote Write(string kind, string category, string description, DateTime time, PatientDraft patient, SyntheticAdmission admission,
        List<Symptom> present, List<Symptom> negatives, Random rng)
    {
        int noteIndex = kind == "admission" ? 0 : 1;
        var problemRng = new Random(PatientGenerator.Mix(PatientGenerator.Mix(ProblemSeed, patient.Index), (admission.Ordinal * 4) + noteIndex));
        var scope = new Scope(this, patient, admission, time, kind, present, negatives, rng, problemRng);
        var builder = NoteBuilder.Rent();
        scope.Render(rng.Pick(Templates.Notes(kind)), builder);
        var (text, spans) = builder.Build();
        return new ClinicalNote(kind, category, description, time, text, spans);
    }

    /// <summary>Everything one note's slots are filled from.</summary>
    private sealed class Scope
    {
        private readonly NoteComposer _owner;
        private readonly PatientDraft _patient;
        private readonly SyntheticAdmission _admission;
        private readonly ReasonProfile _profile;
        private readonly PatientIdentity _id;
        private readonly Relative _relative;
        private readonly DateTime _time;
        private readonly string _kind;
        private readonly bool _admissionNote;
        private readonly List<Symptom> _present;
        private readonly List<Symptom> _negatives;
        private readonly Random _problemRng;
        private Random _rng;
        private NoteProblem? _problem;
        private readonly int _age;
        private readonly StringBuilder _nameBuffer = new(64);

        public Scope(NoteComposer owner, PatientDraft patient, SyntheticAdmission admission, DateTime time, string kind, List<Symptom> present, List<Symptom> negatives, Random rng, Random problemRng)
        {
            _owner = owner;
            _patient = patient;
            _admission = admission;
            _profile = ReasonCatalog.Get(admission.Reason);
            _id = patient.Identity;
            _relative = rng.Pick(_id.Relatives);
            _time = time;
            _kind = kind;
            _admissionNote = kind == "admission";
            _problemRng = problemRng;
            _present = present;
            _negatives = negatives;
            _rng = rng;
            _age = patient.AgeAt(admission.AdmitTime);
        }

        private NoteTemplateSet Set => _owner.Templates;

        private HospitalSetting Setting => _owner.Setting;

        private HospitalSite Site => Setting.Sites[_admission.SiteIndex];

        private HospitalSite HomeSite => Setting.Sites[_patient.HomeSiteIndex];

        private Clinician Attending => Setting.Clinicians[_admission.AttendingIndex];

        private Clinician PrimaryCare => Setting.Clinicians[_patient.PrimaryCareIndex];

        public void Render(TemplateText template, NoteBuilder b)
        {
            foreach (var segment in template.Segments)
            {
                switch (segment)
                {
                    case LiteralSegment literal:
                        b.Append(literal.Text);
                        break;
                    case SlotSegment slot:
                        Fill(slot, b);
                        break;
                    case OptionalSegment optional when _rng.Chance(optional.Probability):
                        foreach (var inner in optional.Body)
                        {
                            if (inner is LiteralSegment l)
                            {
                                b.Append(l.Text);
                            }
                            else if (inner is SlotSegment s)
                            {
                                Fill(s, b);
                            }
                        }

                        break;
                }
            }
        }

        private void Phrase(string section, NoteBuilder b) => Render(_rng.Pick(Set.Phrases(section)), b);

        private void Fill(SlotSegment slot, NoteBuilder b)
        {
            switch (slot.Name)
            {
                case "patient.name":
                    NameForm(b, _rng.Pick(Set.Forms("patient-name-form")), _id.FirstName, _id.LastName, _id.MiddleInitial, PhiType.PatientName);
                    break;
                case "patient.ref":
                    NameForm(b, _rng.Pick(Set.Forms("patient-reference-form")), _id.FirstName, _id.LastName, _id.MiddleInitial, PhiType.PatientName);
                    break;
                case "patient.first":
                    b.AppendPhi(_id.FirstName, PhiType.PatientName);
                    break;
                case "patient.last":
                    b.AppendPhi(_id.LastName, PhiType.PatientName);
                    break;
                case "mrn":
                    b.AppendPhi(_id.Mrn, PhiType.Mrn);
                    break;
                case "ssn":
                    b.AppendPhi(_id.Ssn, PhiType.Ssn);
                    break;
                case "plan.id":
                    b.AppendPhi(_id.HealthPlanNumber, PhiType.HealthPlanNumber);
                    break;
                case "account":
                    b.AppendPhi(_admission.AccountNumber, PhiType.AccountNumber);
                    break;
                case "dob":
                    Date(b, _patient.BirthDate);
                    break;
                case "age":
                    Age(b);
                    break;
                case "address":
                    Address(b, _id.Street, _id.City, _id.State, _id.Zip);
                    break;
                case "street":
                    b.AppendPhi(_id.Street, PhiType.StreetAddress);
                    break;
                case "city":
                    b.AppendPhi(_id.City, PhiType.City);
                    break;
                case "state":
                    b.AppendPhi(_id.State, PhiType.State);
                    break;
                case "zip":
                    b.AppendPhi(_id.Zip, PhiType.Zip);
                    break;
                case "phone":
                    Phone(b, _id.HomePhone, PhiType.Phone);
                    break;
                case "email":
                    b.AppendPhi(_id.Email, PhiType.Email);
                    break;
                case "portal":
                    b.AppendPhi(_id.PortalUrl, PhiType.Url);
                    break;
                case "relative.name":
                    NameForm(b, _rng.Pick(Set.Forms("relative-name-form")), _relative.FirstName, _relative.LastName, string.Empty, PhiType.RelativeName);
                    break;
                case "relative.first":
                    b.AppendPhi(_relative.FirstName, PhiType.RelativeName);
                    break;
                case "relative.relation":
                    b.Append(_relative.Relation);
                    break;
                case "relative.phone":
                    Phone(b, _relative.Phone, PhiType.Phone);
                    break;
                case "attending":
                    Clinician(b, Attending);
                    break;
                case "attending.license":
                    b.AppendPhi(Attending.LicenseNumber, PhiType.LicenseNumber);
                    break;
                case "attending.pager":
                    Phone(b, Attending.Pager, PhiType.Phone);
                    break;
                case "attending.email":
                    b.AppendPhi(Attending.Email, PhiType.Email);
                    break;
                case "attending.specialty":
                    b.Append(Attending.Specialty);
                    break;
                case "pcp":
                    Clinician(b, PrimaryCare);
                    break;
                case "pcp.site":
                    b.AppendPhi(HomeSite.Name, PhiType.Organization);
                    break;
                case "pcp.phone":
                    Phone(b, PrimaryCare.Pager, PhiType.Phone);
                    break;
                case "pcp.fax":
                    Phone(b, HomeSite.Fax, PhiType.Fax);
                    break;
                case "pcp.email":
                    b.AppendPhi(PrimaryCare.Email, PhiType.Email);
                    break;
                case "consultant":
                    Clinician(b, Setting.Clinicians[_rng.Next(Setting.Clinicians.Count)]);
                    break;
                case "hospital":
                    b.AppendPhi(Site.Name, PhiType.Organization);
                    break;
                case "hospital.address":
                    Address(b, Site.Street, Site.City, Site.State, Site.Zip);
                    break;
                case "hospital.phone":
                    Phone(b, Site.Phone, PhiType.Phone);
                    break;
                case "hospital.fax":
                    Phone(b, Site.Fax, PhiType.Fax);
                    break;
                case "ip":
                    b.AppendPhi(Site.IpPrefix + "." + _rng.Next(2, 255).ToString(CultureInfo.InvariantCulture), PhiType.IpAddress);
                    break;
                case "device":
                    if (_id.DeviceSerial is null)
                    {
                        b.Append("none");
                    }
                    else
                    {
                        b.AppendPhi(_id.DeviceSerial, PhiType.DeviceIdentifier);
                    }

                    break;
                case "device.description":
                    if (_id.DeviceSerial is null)
                    {
                        b.Append("none.");
                    }
                    else
                    {
                        Phrase("device-description", b);
                    }

                    break;
                case "date":
                    DateSlot(slot.Argument!, b);
                    break;
                case "time":
                    var when = slot.Argument switch
                    {
                        "admit" => _admission.AdmitTime,
                        "death" => _admission.DeathTime ?? _admission.DischargeTime,
                        _ => _time,
                    };
                    b.Append(when.ToString("HH:mm", CultureInfo.InvariantCulture));
                    break;
                case "sex.noun":
                    b.Append(_patient.Female ? "woman" : "man");
                    break;
                case "sex.letter":
                    b.Append(_patient.Sex);
                    break;
                case "pronoun":
                    b.Append(_patient.Female ? "she" : "he");
                    break;
                case "pronoun.cap":
                    b.Append(_patient.Female ? "She" : "He");
                    break;
                case "possessive":
                    b.Append(_patient.Female ? "her" : "his");
                    break;
                case "possessive.cap":
                    b.Append(_patient.Female ? "Her" : "His");
                    break;
                case "insurance":
                    b.Append(_admission.Insurance);
                    break;
                case "service":
                    b.Append(_profile.Service switch
                    {
                        "CMED" => "Cardiology",
                        "NMED" => "Neurology",
                        "ORTHO" => "Orthopaedics",
                        "SURG" => "General Surgery",
                        _ => "Medicine",
                    });
                    break;
                case "reason.name":
                    b.Append(_profile.Name);
                    break;
                case "icu.unit":
                    b.Append(_admission.Icu?.CareUnit switch
                    {
                        "CCU" => "cardiac ICU",
                        "SICU" => "surgical ICU",
                        "TSICU" => "trauma ICU",
                        _ => "medical ICU",
                    });
                    break;
                case "prior.reason":
                    b.Append(PriorAdmission is { } prior ? ReasonCatalog.Get(prior.Reason).Name : "an unrelated problem");
                    break;
                case "cc":
                    Phrase("cc:" + _profile.Key, b);
                    break;
                case "hpi":
                    Hpi(b);
                    break;
                case "pmh":
                    PastHistoryLines(b);
                    break;
                case "pmh.inline":
                    PastHistoryInline(b);
                    break;
                case "home_meds":
                    Lines(b, _patient.HomeMedications.Select(k => Sig(DrugCatalog.Get(k))).ToList());
                    break;
                case "allergies":
                    b.Append(_patient.Allergies.Count == 0 ? (_rng.Chance(0.5) ? "NKDA" : "No known drug allergies") : string.Join(", ", _patient.Allergies.Select(Capitalise)));
                    break;
                case "social":
                    Phrase("social", b);
                    break;
                case "smoking":
                    Phrase("smoking:" + _patient.Smoking.ToString().ToLowerInvariant(), b);
                    break;
                case "ros":
                    Phrase("ros", b);
                    break;
                case "exam":
                    Phrase("exam-vitals", b);
                    b.Append('\n');
                    Phrase(_admission.Truth.Severity > 1.2 ? "exam-general:ill" : "exam-general:well", b);
                    b.Append('\n');
                    Phrase("exam:" + _profile.Key, b);
                    break;
                case "labs":
                    Labs(b);
                    break;
                case "assessment":
                    ReasonPhrase("assessment:" + _profile.Key, b);
                    break;
                case "plan":
                    ReasonPhrase("plan:" + _profile.Key, b);
                    break;
                case "course":
                    Course(b);
                    break;
                case "death_course":
                    Phrase("death-course", b);
                    break;
                case "family_notified":
                    Phrase("family-notified", b);
                    break;
                case "discharge_meds":
                    Lines(b, DischargeMedications());
                    break;
                case "disposition":
                    Phrase(_admission.DischargeLocation switch
                    {
                        "HOME HEALTH CARE" => "disposition:home_health",
                        "SKILLED NURSING FACILITY" => "disposition:facility",
                        "REHAB" => "disposition:rehab",
                        _ => "disposition:home",
                    }, b);
                    break;
                case "discharge_condition":
                    Phrase("discharge-condition", b);
                    break;
                case "symptoms":
                    b.Append(Join(_present.Select(s => s.Name).ToList(), "and"));
                    break;
                case "negatives":
                    b.Append(Join(_negatives.Select(s => s.Name).ToList(), "and"));
                    break;
                case "negatives.or":
                    b.Append(Join(_negatives.Select(s => s.Name).ToList(), "or"));
                    break;
                case "diagnosis.principal":
                    b.Append(_admission.Diagnoses[0].Display ?? _admission.Diagnoses[0].Code);
                    break;
                case "diagnosis.secondary":
                    Lines(b, _admission.Diagnoses.Skip(1).Select(d => d.Display ?? d.Code).ToList());
                    break;
                case "procedures":
                    Procedures(b);
                    break;
                case "signature":
                    Phrase("signature", b);
                    break;
                case "problems":
                    Problems(b);
                    break;
                case "problem.name":
                    if (_problem is { } named)
                    {
                        if (Set.HasPhrases(named.NameSection))
                        {
                            Phrase(named.NameSection, b);
                        }
                        else
                        {
                            b.Append(named.Name);
                        }
                    }

                    break;
                case "problem.presentation":
                    b.Append(Join(_problem?.Presentation ?? [], "and"));
                    break;
                case "problem.drugs":
                    DrugList(b, _problem?.Drugs ?? []);
                    break;
                case "reason.drugs":
                    var given = ProblemPlanner.GivenFor(_patient, _admission);
                    if (given.Count == 0)
                    {
                        b.Append("supportive care");
                    }
                    else
                    {
                        DrugList(b, given);
                    }

                    break;
                default:
                    if (slot.Argument is not null)
                    {
                        Phrase(slot.Name + ":" + slot.Argument, b);
                    }
                    else if (Set.HasPhrases(slot.Name))
                    {
                        Phrase(slot.Name, b);
                    }
                    else
                    {
                        MeasurementSlot(slot.Name, b);
                    }

                    break;
            }
        }

        /// <summary>
        /// The admission reason's assessment, plan or course phrase. Its wording, and every choice
        /// inside it, draws from the note's own stream (as the problem paragraphs do), so a set
        /// may give these phrases any number of alternatives, optional parts and nested phrases
        /// without moving the rest of the record; the patient's stream still spends the one draw
        /// that choosing the phrase took before, so every later draw stays where it was.
        /// </summary>
        private void ReasonPhrase(string section, NoteBuilder b)
        {
            _ = _rng.Next();
            OnNoteStream(() => Phrase(section, b));
        }

        /// <summary>
        /// The past history as a phrase ("hypertension, CHF on furosemide and type 2 diabetes"):
        /// as HPIs do, a condition now and then carries the home medications the patient takes
        /// for it. Whether it does, and how the drugs are written, draws from the note's own stream.
        /// </summary>
        private void PastHistoryInline(NoteBuilder b)
        {
            var conditions = ConditionCatalog.In(_patient.ConditionsAt(_admission.AdmitTime)).Zip(Conditions()).ToList();
            if (conditions.Count == 0)
            {
                b.Append("no significant past medical history");
                return;
            }

            OnNoteStream(() =>
            {
                for (int i = 0; i < conditions.Count; i++)
                {
                    if (i > 0)
                    {
                        b.Append(i == conditions.Count - 1 ? " and " : ", ");
                    }

                    var (condition, name) = conditions[i];
                    b.Append(name);
                    var home = ProblemPlanner.HomeMedications(_patient, condition);
                    if (home.Count > 0 && _rng.Chance(HistoryWithMedications))
                    {
                        b.Append(" on ");
                        DrugList(b, home);
                    }
                }
            });
        }

        /// <summary>
        /// The past history as a list ("- Congestive heart failure, on furosemide"): as in the
        /// phrase form, a condition now and then carries its home medications, chosen from the
        /// note's own stream.
        /// </summary>
        private void PastHistoryLines(NoteBuilder b)
        {
            var conditions = ConditionCatalog.In(_patient.ConditionsAt(_admission.AdmitTime)).Zip(Conditions()).ToList();
            if (conditions.Count == 0)
            {
                b.Append("None.");
                return;
            }

            OnNoteStream(() =>
            {
                for (int i = 0; i < conditions.Count; i++)
                {
                    var (condition, name) = conditions[i];
                    b.Append("- ");
                    b.Append(Capitalise(name));
                    var home = ProblemPlanner.HomeMedications(_patient, condition);
                    if (home.Count > 0 && _rng.Chance(HistoryWithMedications))
                    {
                        b.Append(", on ");
                        DrugList(b, home);
                    }

                    if (i < conditions.Count - 1)
                    {
                        b.Append('\n');
                    }
                }
            });
        }

        /// <summary>
        /// Now and then the HPI ends as MIMIC's do, with what the ED gave and what the patient was
        /// admitted for ("In the ED he was given IV furosemide and admitted for acute on chronic
        /// heart failure"), or for an elective admission what it is for. Optional in a set; drawn
        /// from the note's own stream.
        /// </summary>
        private void AdmittedFor(string section, NoteBuilder b)
        {
            if (!Set.HasPhrases(section))
            {
                return;
            }

            OnNoteStream(() =>
            {
                if (_rng.Chance(HpiAdmittedFor))
                {
                    b.Append(' ');
                    Phrase(section, b);
                }
            });
        }

        /// <summary>
        /// Runs <paramref name="write"/> with the note's own stream as <c>_rng</c>, then gives the
        /// patient's stream back, so wording drawn there never moves the patient's later draws.
        /// </summary>
        private void OnNoteStream(Action write)
        {
            var patientStream = _rng;
            _rng = _problemRng;
            try
            {
                write();
            }
            finally
            {
                _rng = patientStream;
            }
        }

        private SyntheticAdmission? PriorAdmission => _patient.Admissions.Count > 0 ? _patient.Admissions[^1] : null;

        /// <summary>How notes name the patient's conditions; cancers by their site.</summary>
        private IEnumerable<string> Conditions() => ConditionCatalog.In(_patient.ConditionsAt(_admission.AdmitTime)).Select(c =>
            c.Condition != ChronicCondition.Cancer ? c.Phrase : _patient.CancerCode?.Code switch
            {
                "C34.90" => "lung cancer",
                "C18.9" => "colon cancer",
                "C50.919" => "breast cancer",
                "C61" => "prostate cancer",
                _ => c.Phrase,
            });

        /// <summary>
        /// The problem-oriented paragraphs: the reason with its symptoms, findings and drugs, then a
        /// few chronic conditions with their home medications. Everything here, wording included,
        /// draws from the problem list's own stream.
        /// </summary>
        private void Problems(NoteBuilder b)
        {
            OnNoteStream(() =>
            {
                try
                {
                    var conditions = ConditionCatalog.In(_patient.ConditionsAt(_admission.AdmitTime)).Zip(Conditions()).ToList();
                    var problems = ProblemPlanner.Plan(_patient, _admission, _present, Findings(), conditions, _rng);
                    for (int i = 0; i < problems.Count; i++)
                    {
                        _problem = problems[i];
                        if (i > 0)
                        {
                            b.Append('\n');
                        }

                        string family = _problem.Kind switch
                        {
                            ProblemKind.Acute => "problem-acute",
                            ProblemKind.Supportive => "problem-supportive",
                            ProblemKind.Chronic => "problem-chronic",
                            _ => "problem-untreated",
                        };
                        Phrase(family + ":" + _kind, b);
                    }
                }
                finally
                {
                    _problem = null;
                }
            });
        }

        /// <summary>Abnormal first values of the chart (before the note, for an admission note), worded as notes word them.</summary>
        private List<string> Findings()
        {
            var findings = new List<string>(4);
            void Check(Analyte analyte, Func<double, bool> abnormal, Func<Measurement, string> words)
            {
                if (FirstMeasurement(analyte) is { IsCensored: false } m && abnormal(m.Value))
                {
                    findings.Add(words(m));
                }
            }

            Check(Analyte.OxygenSaturation, v => v < 92, _ => "hypoxia");
            Check(Analyte.HeartRate, v => v > 100, _ => "tachycardia");
            Check(Analyte.SystolicBloodPressure, v => v < 90, _ => "hypotension");
            if (!_present.Contains(Symptoms.Fever))
            {
                Check(Analyte.Temperature, v => v >= 38, m => "fever to " + Format(m));
            }

            Check(Analyte.WhiteBloodCells, v => v > 11, _ => "leukocytosis");
            Check(Analyte.Lactate, v => v > 2, m => "lactate of " + Format(m));
            Check(Analyte.Creatinine, v => v > 1.5, m => "creatinine of " + Format(m));
            Check(Analyte.Glucose, v => v > 300, _ => "hyperglycemia");
            Check(Analyte.Glucose, v => v < 70, m => "glucose of " + Format(m));
            Check(Analyte.Hemoglobin, v => v < 9, m => "Hgb " + Format(m));
            Check(Analyte.TroponinI, v => v > 0.04, _ => "troponin elevation");
            Check(Analyte.Bnp, v => v > 400, m => "BNP " + Format(m));
            Check(Analyte.Potassium, v => v > 5.5, _ => "hyperkalemia");
            Check(Analyte.Sodium, v => v < 132, _ => "hyponatremia");
            Check(Analyte.Platelets, v => v < 100, _ => "thrombocytopenia");
            return findings;
        }

        /// <summary>Drugs as notes write them in prose: a <c>[drug:KEY]</c> phrase where the set has one, else the lower-cased name.</summary>
        private void DrugList(NoteBuilder b, IReadOnlyList<Drug> drugs)
        {
            for (int i = 0; i < drugs.Count; i++)
            {
                if (i > 0)
                {
                    b.Append(i == drugs.Count - 1 ? (_rng.Chance(0.8) ? " and " : ", ") : ", ");
                }

                string section = "drug:" + drugs[i].Key;
                if (Set.HasPhrases(section))
                {
                    Phrase(section, b);
                }
                else
                {
                    b.Append(drugs[i].Name.ToLowerInvariant());
                }
            }
        }

        private void Hpi(NoteBuilder b)
        {
            Phrase("hpi-open", b);
            if (PriorAdmission is not null)
            {
                b.Append(' ');
                Phrase("hpi-prior", b);
            }

            if (_profile.AdmissionType != "ELECTIVE")
            {
                b.Append(' ');
                Phrase("hpi-ed", b);
            }

            AdmittedFor(_profile.AdmissionType != "ELECTIVE" ? "hpi-ed-course" : "hpi-elective", b);

            b.Append(' ');
            Phrase("hpi-negatives", b);
        }

        private void Course(NoteBuilder b)
        {
            // A death summary does not say the reason improved; a set may word it apart.
            ReasonPhrase(_kind == "death" && Set.HasPhrases("course-death") ? "course-death" : "course:" + _profile.Key, b);
            if (_admission.Icu is not null)
            {
                b.Append(' ');
                Phrase("course-icu", b);
            }

            if (_admission.Procedures.Any(p => p.Code == ProcedureCatalog.Intubation))
            {
                b.Append(' ');
                Phrase("course-intubated", b);
            }
        }

        private void Labs(NoteBuilder b)
        {
            var parts = new List<string>(LabSummary.Length);
            foreach (var (label, analyte) in LabSummary)
            {
                if (FirstMeasurement(analyte) is { } m)
                {
                    parts.Add(label + " " + Format(m));
                }
            }

            b.Append(parts.Count == 0 ? "Pending." : string.Join(", ", parts) + ".");
        }

        private void Procedures(NoteBuilder b)
        {
            if (_admission.Procedures.Count == 0)
            {
                b.Append("None.");
                return;
            }

            for (int i = 0; i < _admission.Procedures.Count; i++)
            {
                var p = _admission.Procedures[i];
                b.Append("- ");
                b.Append(p.Code.Display ?? p.Code.Code);
                b.Append(" (");
                Date(b, p.Time);
                b.Append(')');
                if (i < _admission.Procedures.Count - 1)
                {
                    b.Append('\n');
                }
            }
        }

        private List<string> DischargeMedications() =>
            _admission.Prescriptions.Where(p => p.End >= _admission.DischargeTime && p.Drug.Route != "IV")
                .Select(p => Sig(p.Drug)).Distinct().ToList();

        private static string Sig(Drug drug) =>
            string.Create(CultureInfo.InvariantCulture, $"{drug.Name} {drug.Dose:0.###} {drug.DoseUnit} {drug.Route} {drug.Frequency}");

        private static void Lines(NoteBuilder b, List<string> items)
        {
            if (items.Count == 0)
            {
                b.Append("None.");
                return;
            }

            for (int i = 0; i < items.Count; i++)
            {
                b.Append("- ");
                b.Append(items[i]);
                if (i < items.Count - 1)
                {
                    b.Append('\n');
                }
            }
        }

        private Measurement? FirstMeasurement(Analyte analyte)
        {
            var list = AnalyteCatalog.Get(analyte).IsVitalSign ? _admission.Vitals : _admission.Labs;
            foreach (var m in list)
            {
                if (m.Analyte == analyte && (!_admissionNote || m.Time <= _time))
                {
                    return m;
                }
            }

            return null;
        }

        private void MeasurementSlot(string name, NoteBuilder b)
        {
            int dot = name.IndexOf('.', StringComparison.Ordinal);
            var analyte = MeasurementKeys[name[..dot]];
            string aggregate = name[(dot + 1)..];
            var list = AnalyteCatalog.Get(analyte).IsVitalSign ? _admission.Vitals : _admission.Labs;
            Measurement? chosen = null;
            foreach (var m in list)
            {
                if (m.Analyte != analyte || (_admissionNote && m.Time > _time))
                {
                    continue;
                }

                if (aggregate == "first")
                {
                    chosen = m;
                    break;
                }

                if (m.IsCensored)
                {
                    continue;
                }

                chosen = aggregate switch
                {
                    "min" => chosen is { } c && c.Value <= m.Value ? c : m,
                    "max" or "peak" => chosen is { } c && c.Value >= m.Value ? c : m,
                    _ => m,
                };
            }

            b.Append(chosen is { } found ? Format(found) : "not done");
        }

        private static string Format(Measurement m)
        {
            string number = m.Value.ToString("F" + AnalyteCatalog.Get(m.Analyte).Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            return m.IsCensored ? "<" + number : number;
        }

        private void DateSlot(string argument, NoteBuilder b)
        {
            DateTime date = argument switch
            {
                "admit" => _admission.AdmitTime,
                "discharge" => _admission.DischargeTime,
                "death" => _admission.DeathTime ?? _admission.DischargeTime,
                "followup" => _admission.DischargeTime.Date.AddDays(7 + _rng.Next(0, 15)),
                "prior" => PriorAdmission?.AdmitTime ?? _admission.AdmitTime.AddDays(-_rng.Next(40, 400)),
                "intubation" => _admission.Procedures.FirstOrDefault(p => p.Code == ProcedureCatalog.Intubation)?.Time ?? _admission.AdmitTime,
                _ => _time,
            };
            Date(b, date);
        }

        private void Date(NoteBuilder b, DateTime date)
        {
            string form = _rng.Pick(Set.Forms("date-form"));
            string text = form == "ordinal"
                ? date.ToString("MMMM ", CultureInfo.InvariantCulture) + Ordinal(date.Day) + date.ToString(", yyyy", CultureInfo.InvariantCulture)
                : date.ToString(form, CultureInfo.InvariantCulture);
            b.AppendPhi(text, PhiType.Date);
        }

        private static string Ordinal(int day) => day.ToString(CultureInfo.InvariantCulture) + (day % 100 is 11 or 12 or 13 ? "th" : (day % 10) switch
        {
            1 => "st",
            2 => "nd",
            3 => "rd",
            _ => "th",
        });

        private void Age(NoteBuilder b)
        {
            string form = _rng.Pick(Set.Forms("age-form"));
            int at = form.IndexOf("{n}", StringComparison.Ordinal);
            string number = _age.ToString(CultureInfo.InvariantCulture);
            if (at < 0)
            {
                b.Append(form);
                return;
            }

            b.Append(form[..at]);
            if (_age > 89)
            {
                b.AppendPhi(number, PhiType.Age);
            }
            else
            {
                b.Append(number);
            }

            b.Append(form[(at + 3)..]);
        }

        private static void Address(NoteBuilder b, string street, string city, string state, string zip)
        {
            b.AppendPhi(street, PhiType.StreetAddress);
            b.Append(", ");
            b.AppendPhi(city, PhiType.City);
            b.Append(", ");
            b.AppendPhi(state, PhiType.State);
            b.Append(' ');
            b.AppendPhi(zip, PhiType.Zip);
        }

        private void Phone(NoteBuilder b, string canonical, PhiType type)
        {
            // canonical is "(AAA) EEE-LLLL".
            string area = canonical.Substring(1, 3);
            string exchange = canonical.Substring(6, 3);
            string line = canonical.Substring(10, 4);
            string form = _rng.Pick(Set.Forms("phone-form"));
            b.AppendPhi(form.Replace("{a}", area, StringComparison.Ordinal).Replace("{e}", exchange, StringComparison.Ordinal).Replace("{l}", line, StringComparison.Ordinal), type);
        }

        private void Clinician(NoteBuilder b, Clinician clinician)
        {
            string form = _rng.Pick(Set.Forms("clinician-name-form")).Replace("{cred}", clinician.Credential, StringComparison.Ordinal);
            NameForm(b, form, clinician.FirstName, clinician.LastName, string.Empty, PhiType.ClinicianName);
        }

        /// <summary>Writes a name form; the part between '&lt;' and '&gt;' is the annotated PHI.</summary>
        private void NameForm(NoteBuilder b, string form, string first, string last, string middle, PhiType type)
        {
            var text = _nameBuffer;
            text.Clear();
            int spanStart = -1;
            int spanEnd = -1;
            for (int i = 0; i < form.Length; i++)
            {
                char c = form[i];
                if (c == '<')
                {
                    spanStart = text.Length;
                    continue;
                }

                if (c == '>')
                {
                    spanEnd = text.Length;
                    continue;
                }

                int close = c == '{' ? form.IndexOf('}', i) : -1;
                if (close < 0)
                {
                    text.Append(c);
                    continue;
                }

                text.Append(form.AsSpan(i + 1, close - i - 1) switch
                {
                    "first" => first,
                    "last" => last,
                    "middle" => middle,
                    "FIRST" => first.ToUpperInvariant(),
                    "LAST" => last.ToUpperInvariant(),
                    "MIDDLE" => middle.ToUpperInvariant(),
                    "f" => first[..1],
                    "title" => _patient.Female ? (_rng.Chance(0.5) ? "Ms." : "Mrs.") : "Mr.",
                    _ => form.Substring(i, close - i + 1),
                });
                i = close;
            }

            if (spanStart < 0 || spanEnd < spanStart)
            {
                b.Append(text.ToString());
                return;
            }

            b.Append(text.ToString(0, spanStart));
            b.AppendPhi(text.ToString(spanStart, spanEnd - spanStart), type);
            b.Append(text.ToString(spanEnd, text.Length - spanEnd));
        }

        private static string Join(IReadOnlyList<string> items, string conjunction) => items.Count switch
        {
            0 => string.Empty,
            1 => items[0],
            _ => string.Join(", ", items.Take(items.Count - 1)) + " " + conjunction + " " + items[^1],
        };

        private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }
}
