using System.Text;
using Galen.Core.Clinical;
using Galen.Data.Store;
using Hl7.Fhir.Model;

namespace Galen.Data.Ingest.Fhir;

/// <summary>
/// Maps FHIR R4 resources to store rows: Patient → person (+ death), Encounter → visit,
/// Condition, Procedure, MedicationRequest / MedicationAdministration → drug exposure,
/// Observation → measurement (laboratory, vital-signs; components such as blood-pressure panels
/// become one row each) or observation (other categories), DiagnosticReport / DocumentReference
/// with a base64 text attachment → note. Names, addresses and other identifiers in a Patient are
/// never stored.
/// </summary>
internal sealed class FhirResources(IngestSession session)
{
    private static readonly HashSet<string> AbnormalInterpretations = new(StringComparer.OrdinalIgnoreCase) { "A", "AA", "H", "HH", "HU", "L", "LL", "LU", ">", "<", "POS", "DET", "W" };
    private readonly Dictionary<string, int> _units = new(StringComparer.Ordinal);

    /// <summary>The resource types each pass reads: patients, then encounters, then everything else.</summary>
    public static readonly string[][] Passes =
    [
        ["Patient"],
        ["Encounter"],
        ["Condition", "Procedure", "MedicationRequest", "MedicationAdministration", "Observation", "DiagnosticReport", "DocumentReference"],
    ];

    public void Store(FileContext context, Resource resource)
    {
        var checks = new FhirChecks(session, context);
        switch (resource)
        {
            case Patient patient: Person(context, checks, patient); break;
            case Encounter encounter: Visit(context, checks, encounter); break;
            case Condition condition: Coded(context, checks, "condition_occurrence", condition.Subject, condition.Encounter, condition.Code, FhirClinicalMapping.ConditionTime(condition), FhirClinicalMapping.ConditionSystems); break;
            case Procedure procedure: Coded(context, checks, "procedure_occurrence", procedure.Subject, procedure.Encounter, procedure.Code, FhirValues.Start(procedure.Performed), FhirClinicalMapping.ProcedureSystems); break;
            case MedicationRequest request: Drug(context, checks, request.Subject, request.Encounter, request.Medication, request.AuthoredOn, FhirClinicalMapping.RequestEnd(request), Dose(request), FhirValues.Text(request.DosageInstruction.FirstOrDefault()?.Route), "authoredOn"); break;
            case MedicationAdministration given: Drug(context, checks, given.Subject, given.Context, given.Medication, FhirValues.Start(given.Effective), (given.Effective as Period)?.End, given.Dosage?.Dose, FhirValues.Text(given.Dosage?.Route), "effective"); break;
            case Observation observation: Measurement(context, checks, observation); break;
            case DiagnosticReport report: Note(context, checks, report.Subject, report.Encounter, report.PresentedForm, FhirValues.Start(report.Effective) ?? report.Issued?.ToString("o", System.Globalization.CultureInfo.InvariantCulture), FhirValues.Text(report.Category.FirstOrDefault()), FhirValues.Text(report.Code)); break;
            case DocumentReference document: Note(context, checks, document.Subject, document.Context?.Encounter.FirstOrDefault(), document.Content.Select(c => c.Attachment).ToList(), document.Date?.ToString("o", System.Globalization.CultureInfo.InvariantCulture), FhirValues.Text(document.Type) ?? FhirValues.Text(document.Category.FirstOrDefault()), document.Description ?? document.Content.FirstOrDefault()?.Attachment?.Title); break;
            default: context.NotUse(); break;
        }
    }

    private void Person(FileContext context, FhirChecks checks, Patient patient)
    {
        string key = KeyIndex<PersonEntry>.Normalize(patient.Id ?? string.Empty);
        if (key.Length == 0)
        {
            context.Reject("person", "id", QuarantineReason.MissingRequiredField, "the Patient has no id");
            return;
        }

        if (session.Persons.Contains(key))
        {
            context.Reject("person", "id", QuarantineReason.DuplicateKey, "the Patient id is already used by another Patient");
            return;
        }

        context.RecordId = key;
        if (!checks.Time(patient.BirthDate, "person", "birthDate", required: true, out long birth))
        {
            return;
        }

        long died = FhirChecks.NoTime;
        if (patient.Deceased is FhirDateTime deceased && !checks.Time(deceased.Value, "person", "deceasedDateTime", required: false, out died))
        {
            return;
        }

        if (died != FhirChecks.NoTime && died < birth)
        {
            context.Reject("person", "deceasedDateTime", QuarantineReason.DeathBeforeBirth, "deceasedDateTime is before birthDate");
            return;
        }

        string sex = patient.Gender switch { AdministrativeGender.Female => "F", AdministrativeGender.Male => "M", _ => "U" };
        long id = session.Ids("person").Next();
        session.Writer("person").Int64(id).Text(key).Text(sex).Ticks(birth).Text(CoreExtension(patient, "us-core-race")).Text(CoreExtension(patient, "us-core-ethnicity")).Int32(context.FileId).EndRow();
        if (died != FhirChecks.NoTime)
        {
            session.Writer("death").Int64(id).Ticks(died).Text("Patient.deceasedDateTime").Int32(context.FileId).EndRow();
        }

        session.Persons.Add(key, new PersonEntry(id, birth));
        context.Accept();
    }

    private void Visit(FileContext context, FhirChecks checks, Encounter encounter)
    {
        if (!checks.Person(encounter.Subject, "visit_occurrence", "subject", out var person))
        {
            return;
        }

        string key = KeyIndex<VisitEntry>.Normalize(encounter.Id ?? string.Empty);
        if (key.Length == 0)
        {
            context.Reject("visit_occurrence", "id", QuarantineReason.MissingRequiredField, "the Encounter has no id");
            return;
        }

        if (session.Visits.Contains(key))
        {
            context.Reject("visit_occurrence", "id", QuarantineReason.DuplicateKey, "the Encounter id is already used by another Encounter");
            return;
        }

        context.RecordId = key;
        if (!checks.Time(encounter.Period?.Start, "visit_occurrence", "period.start", required: true, out long start)
            || !checks.Time(encounter.Period?.End, "visit_occurrence", "period.end", required: true, out long end)
            || !checks.EndNotBeforeStart(start, end, "visit_occurrence", "period.start", "period.end")
            || !checks.NotBeforeBirth(start, person, "visit_occurrence", "period.start"))
        {
            return;
        }

        string visitClass = FhirClinicalMapping.VisitClass(encounter);
        var disposition = encounter.Hospitalization?.DischargeDisposition;
        bool expired = FhirClinicalMapping.Expired(encounter);
        long id = session.Ids("visit_occurrence").Next();
        session.Writer("visit_occurrence").Int64(id).Int64(person.Id).Text(key).Text(visitClass).Ticks(start).Ticks(end)
            .Text(FhirValues.Text(encounter.Type.FirstOrDefault())).Text(FhirValues.Text(encounter.Hospitalization?.AdmitSource)).Text(FhirValues.Text(disposition))
            .Bool(expired).Int32(context.FileId).EndRow();
        session.Visits.Add(key, new VisitEntry(id, person.Id, start, end));
        context.Accept();
    }

    private void Coded(FileContext context, FhirChecks checks, string table, ResourceReference? subject, ResourceReference? encounter, CodeableConcept? code, string? time, params string[] preferred)
    {
        if (!checks.Person(subject, table, "subject", out var person) || !checks.Visit(encounter, person, table, "encounter", out var visit)
            || !checks.Time(time, table, "time", required: visit is null, out long when) || !checks.NotBeforeBirth(when, person, table, "time"))
        {
            return;
        }

        if (FhirClinicalMapping.Code(code, preferred) is not { } clinical)
        {
            context.Reject(table, "code", QuarantineReason.MissingRequiredField, "code has no coding in a vocabulary Galen knows");
            return;
        }

        int concept = session.Concepts.IdOf(clinical.System, clinical.Code, clinical.Display);
        var writer = session.Writer(table).Int64(session.Ids(table).Next()).Int64(person.Id).Int64(visit?.Id).Int32(concept).TicksOrNull(when);
        if (table == "condition_occurrence")
        {
            writer.Null();
        }

        writer.Int32(context.FileId).EndRow();
        context.Accept();
    }

    private void Drug(FileContext context, FhirChecks checks, ResourceReference? subject, ResourceReference? encounter, DataType? medication, string? start, string? end, Quantity? dose, string? route, string startField)
    {
        if (!checks.Person(subject, "drug_exposure", "subject", out var person) || !checks.Visit(encounter, person, "drug_exposure", "encounter", out var visit)
            || !checks.Time(start, "drug_exposure", startField, required: true, out long begin) || !checks.Time(end, "drug_exposure", "end", required: false, out long finish)
            || !checks.EndNotBeforeStart(begin, finish, "drug_exposure", startField, "end") || !checks.NotBeforeBirth(begin, person, "drug_exposure", startField))
        {
            return;
        }

        var concept = medication as CodeableConcept;
        var (drug, atc) = FhirClinicalMapping.Medication(medication);
        if (drug is null)
        {
            context.Reject("drug_exposure", "medicationCodeableConcept", QuarantineReason.MissingRequiredField,
                medication is ResourceReference ? "the medication is a reference to a Medication resource, which Galen does not resolve" : "medicationCodeableConcept has no coding in a vocabulary Galen knows");
            return;
        }

        double? doseValue = (double?)dose?.Value;
        int drugConcept = session.Concepts.IdOf(drug.System, drug.Code, drug.Display);
        int? atcConcept = atc is null ? null : session.Concepts.IdOf(CodeSystems.Atc, atc.Code, atc.Display);
        session.Writer("drug_exposure").Int64(session.Ids("drug_exposure").Next()).Int64(person.Id).Int64(visit?.Id).Int32(drugConcept).Int32(atcConcept)
            .Ticks(begin).TicksOrNull(finish).Text(FhirValues.Text(concept)).Double(doseValue).Null().Text(dose?.Unit ?? dose?.Code).Text(route)
            .Int32(context.FileId).EndRow();
        context.Accept();
    }

    private void Measurement(FileContext context, FhirChecks checks, Observation observation)
    {
        string time = FhirClinicalMapping.ObservationTime(observation);
        if (!checks.Person(observation.Subject, "measurement", "subject", out var person) || !checks.Visit(observation.Encounter, person, "measurement", "encounter", out var visit)
            || !checks.Time(time, "measurement", "effective", required: true, out long when) || !checks.NotBeforeBirth(when, person, "measurement", "effective"))
        {
            return;
        }

        var measured = FhirClinicalMapping.Category(observation);
        string table = measured is null ? "observation" : "measurement";
        var category = measured ?? MeasurementCategory.Laboratory;
        bool? abnormal = observation.Interpretation.Count == 0 ? null
            : observation.Interpretation.SelectMany(i => i.Coding).Any(c => c.Code is not null && AbnormalInterpretations.Contains(c.Code));

        // A panel with components (blood pressure) is one row per component; otherwise the observation's own value.
        var rows = new List<(int Concept, double? Number, string? Text, int? Unit)>();
        foreach (var (code, value) in FhirClinicalMapping.Parts(observation))
        {
            if (FhirClinicalMapping.ObservationCode(code) is not { } clinical)
            {
                context.Reject(table, "code", QuarantineReason.MissingRequiredField, "code has no coding in a vocabulary Galen knows");
                return;
            }

            var (number, text, unit) = FhirClinicalMapping.Value(value);
            if (number is null && text is null)
            {
                context.Reject(table, "value", QuarantineReason.MissingRequiredField, "the Observation has no value");
                return;
            }

            rows.Add((session.Concepts.IdOf(clinical.System, clinical.Code, clinical.Display), number, text, UnitConcept(unit)));
        }

        foreach (var (concept, number, text, unit) in rows)
        {
            var writer = session.Writer(table).Int64(session.Ids(table).Next()).Int64(person.Id).Int64(visit?.Id);
            if (table == "measurement")
            {
                writer.Null().Int32(concept).Ticks(when).Double(number).Text(text).Int32(unit).Bool(abnormal).Int8((sbyte)category);
            }
            else
            {
                writer.Int32(concept).Ticks(when).Double(number).Text(text).Int32(unit);
            }

            writer.Int32(context.FileId).EndRow();
        }

        context.Accept();
    }

    private void Note(FileContext context, FhirChecks checks, ResourceReference? subject, ResourceReference? encounter, List<Attachment> attachments, string? time, string? category, string? title)
    {
        var text = attachments.FirstOrDefault(a => a.Data is { Length: > 0 } && (a.ContentType is null || a.ContentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)));
        if (text is null)
        {
            context.NotUse(); // no inline text (a URL, a PDF, or no attachment): nothing Galen stores as a note
            return;
        }

        if (!checks.Person(subject, "note", "subject", out var person) || !checks.Visit(encounter, person, "note", "encounter", out var visit)
            || !checks.Time(time, "note", "date", required: true, out long when) || !checks.NotBeforeBirth(when, person, "note", "date"))
        {
            return;
        }

        string body;
        try
        {
            body = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(text.Data!);
        }
        catch (DecoderFallbackException)
        {
            context.Reject("note", "attachment.data", QuarantineReason.InvalidValue, "the decoded attachment is not UTF-8 text");
            return;
        }

        session.Writer("note").Int64(session.Ids("note").Next()).Int64(person.Id).Int64(visit?.Id).Ticks(when).Text(category).Text(title).Text(body)
            .Text(context.RecordId).Int32(context.FileId).EndRow();
        context.Accept();
    }

    private int? UnitConcept(string? unit)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return null;
        }

        if (!_units.TryGetValue(unit, out int id))
        {
            id = session.Concepts.IdOf(LocalVocabularies.Unit, unit.Trim());
            _units[unit] = id;
        }

        return id;
    }

    private static Quantity? Dose(MedicationRequest request) =>
        request.DosageInstruction.FirstOrDefault()?.DoseAndRate.FirstOrDefault()?.Dose as Quantity;

    /// <summary>The text of a US Core race / ethnicity extension: its "text" sub-extension, else its first category's display.</summary>
    private static string? CoreExtension(Patient patient, string name)
    {
        var extension = patient.Extension.FirstOrDefault(e => e.Url?.EndsWith("/" + name, StringComparison.Ordinal) == true);
        if (extension is null)
        {
            return null;
        }

        return extension.Extension.FirstOrDefault(e => e.Url == "text")?.Value is FhirString text
            ? text.Value
            : extension.Extension.Select(e => e.Value).OfType<Coding>().Select(c => c.Display ?? c.Code).FirstOrDefault();
    }
}
