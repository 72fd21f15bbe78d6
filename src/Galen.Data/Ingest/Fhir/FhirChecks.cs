using Galen.Data.Ingest.Csv;
using Hl7.Fhir.Model;

namespace Galen.Data.Ingest.Fhir;

/// <summary>The checks FHIR resources share, quarantining the resource when one fails (values described, never quoted).</summary>
internal sealed class FhirChecks(IngestSession session, FileContext context)
{
    public const long NoTime = CsvRecordChecks.NoTime;

    public bool Person(ResourceReference? subject, string table, string field, out PersonEntry person)
    {
        person = null!;
        string? key = FhirValues.Key(subject, "Patient");
        if (key is null)
        {
            return context.Reject(table, field, QuarantineReason.MissingRequiredField, $"{field} does not name a Patient");
        }

        if (session.Persons.TryGet(key, out person))
        {
            return true;
        }

        return session.Persons.WasQuarantined(key)
            ? context.Reject(table, field, QuarantineReason.ParentQuarantined, $"the Patient named in {field} was itself quarantined")
            : context.Reject(table, field, QuarantineReason.UnknownPatient, $"{field} names a Patient found neither in the files nor in the store");
    }

    /// <summary>The encounter a resource refers to; null (and true) when it names none.</summary>
    public bool Visit(ResourceReference? encounter, PersonEntry person, string table, string field, out VisitEntry? visit)
    {
        visit = null;
        if (encounter?.Reference is null)
        {
            return true;
        }

        string? key = FhirValues.Key(encounter, "Encounter");
        if (key is null || !session.Visits.TryGet(key, out var found))
        {
            return key is not null && session.Visits.WasQuarantined(key)
                ? context.Reject(table, field, QuarantineReason.ParentQuarantined, $"the Encounter named in {field} was itself quarantined")
                : context.Reject(table, field, QuarantineReason.UnknownVisit, $"{field} names an Encounter found neither in the files nor in the store");
        }

        if (found.PersonId != person.Id)
        {
            return context.Reject(table, field, QuarantineReason.PatientMismatch, $"the Encounter named in {field} belongs to a different Patient");
        }

        visit = found;
        return true;
    }

    public bool Time(string? text, string table, string field, bool required, out long ticks)
    {
        ticks = NoTime;
        if (string.IsNullOrWhiteSpace(text))
        {
            return !required || context.Reject(table, field, QuarantineReason.MissingRequiredField, $"{field} is missing");
        }

        if (!FhirValues.TryTicks(text, out ticks))
        {
            return context.Reject(table, field, QuarantineReason.InvalidValue, $"{field} is not a FHIR date or dateTime; it holds {ValueShape.Describe(text)}");
        }

        return ticks <= session.LatestValidTicks
            || context.Reject(table, field, QuarantineReason.FutureDate, $"{field} is after the latest valid date");
    }

    public bool NotBeforeBirth(long ticks, PersonEntry person, string table, string field) =>
        ticks == NoTime || person.BirthTicks == long.MinValue || ticks >= person.BirthTicks
        || context.Reject(table, field, QuarantineReason.BeforeBirth, $"{field} is before the patient's birth date");

    public bool EndNotBeforeStart(long start, long end, string table, string startField, string endField) =>
        start == NoTime || end == NoTime || end >= start
        || context.Reject(table, endField, QuarantineReason.EndBeforeStart, $"{endField} is before {startField}");
}
