using System.Runtime.CompilerServices;
using Galen.Data.Ingest.Csv;

namespace Galen.Data.Ingest.Csv;

/// <summary>
/// The checks every CSV event table shares, each quarantining the record with its reason when
/// it fails: the patient and admission exist (and agree), dates parse, are not in the future,
/// not before birth, and ends are not before starts. Messages describe values, never quote them.
/// </summary>
internal sealed class CsvRecordChecks(IngestSession session, FileContext context, CsvTable csv, string table)
{
    /// <summary>Marks a missing optional timestamp.</summary>
    public const long NoTime = long.MinValue;

    public string Table => table;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Person(int column, string field, out PersonEntry person)
    {
        var key = csv[column];
        if (Utf8Values.Trim(key).IsEmpty)
        {
            person = null!;
            return context.Reject(table, field, QuarantineReason.MissingRequiredField, $"{field} is empty");
        }

        if (session.Persons.TryGet(key, out person))
        {
            return true;
        }

        return session.Persons.WasQuarantined(key)
            ? context.Reject(table, field, QuarantineReason.ParentQuarantined, $"the patient named in {field} was itself quarantined")
            : context.Reject(table, field, QuarantineReason.UnknownPatient, $"{field} names a patient found neither in the patients table nor in the store");
    }

    /// <summary>
    /// The key of a new parent record (a patient, admission, stay): present and not used before.
    /// It becomes the record's id in the quarantine, so children of a rejected parent are told
    /// apart from children of an unknown one; a duplicate never marks the first record's key.
    /// </summary>
    public bool NewKey<TEntry>(int column, string field, KeyIndex<TEntry> index, string what, out string key)
        where TEntry : class
    {
        string? text = IngestSession.Text(csv[column]);
        key = text is null ? string.Empty : KeyIndex<TEntry>.Normalize(text);
        if (text is null)
        {
            return context.Reject(table, field, QuarantineReason.MissingRequiredField, $"{field} is empty");
        }

        if (index.Contains(key))
        {
            return context.Reject(table, field, QuarantineReason.DuplicateKey, $"{field} is already used by another {what}");
        }

        context.RecordId = key;
        return true;
    }

    /// <summary>The admission in <paramref name="column"/>; null when the field is empty and <paramref name="required"/> is false.</summary>
    public bool Visit(int column, string field, PersonEntry person, bool required, out VisitEntry? visit) =>
        Lookup(session.Visits, column, field, person, required, "admission", out visit);

    /// <summary>The ICU stay in <paramref name="column"/>; null when the field is empty and <paramref name="required"/> is false.</summary>
    public bool Stay(int column, string field, PersonEntry person, bool required, out VisitEntry? stay) =>
        Lookup(session.Stays, column, field, person, required, "stay", out stay);

    /// <summary>A timestamp; <see cref="NoTime"/> when empty and not required. Future dates are rejected.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Time(int column, string field, bool required, out long ticks)
    {
        var text = csv[column];
        if (Utf8Values.Trim(text).IsEmpty)
        {
            ticks = NoTime;
            return !required || context.Reject(table, field, QuarantineReason.MissingRequiredField, $"{field} is empty");
        }

        if (!Utf8Values.TryParseTimestamp(text, out ticks))
        {
            return context.Reject(table, field, QuarantineReason.InvalidValue, $"{field} is not a date or time (yyyy-MM-dd[ HH:mm:ss]); it holds {ValueShape.Describe(text)}");
        }

        return NotInFuture(ticks, field);
    }

    public bool NotInFuture(long ticks, string field) =>
        ticks <= session.LatestValidTicks
        || context.Reject(table, field, QuarantineReason.FutureDate, $"{field} is after the latest valid date ({new DateTime(session.LatestValidTicks, DateTimeKind.Utc):yyyy-MM-dd}); set a later limit if the extract's dates are shifted");

    public bool NotBeforeBirth(long ticks, PersonEntry person, string field) =>
        person.BirthTicks == long.MinValue || ticks >= person.BirthTicks
        || context.Reject(table, field, QuarantineReason.BeforeBirth, $"{field} is before the patient's date of birth");

    public bool EndNotBeforeStart(long start, long end, string startField, string endField) =>
        start == NoTime || end == NoTime || end >= start
        || context.Reject(table, endField, QuarantineReason.EndBeforeStart, $"{endField} is before {startField}");

    /// <summary>An optional number; null when empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Number(int column, string field, out double? value)
    {
        var text = csv[column];
        if (Utf8Values.Trim(text).IsEmpty)
        {
            value = null;
            return true;
        }

        if (Utf8Values.TryParseDouble(text, out double number))
        {
            value = number;
            return true;
        }

        value = null;
        return context.Reject(table, field, QuarantineReason.InvalidValue, $"{field} is not a number; it holds {ValueShape.Describe(text)}");
    }

    /// <summary>A required integer (an id).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Integer(int column, string field, out long value)
    {
        var text = csv[column];
        if (Utf8Values.Trim(text).IsEmpty)
        {
            value = 0;
            return context.Reject(table, field, QuarantineReason.MissingRequiredField, $"{field} is empty");
        }

        return Utf8Values.TryParseInt64(text, out value)
            || context.Reject(table, field, QuarantineReason.InvalidValue, $"{field} is not a whole number; it holds {ValueShape.Describe(text)}");
    }

    /// <summary>Required non-empty text.</summary>
    public bool RequiredText(int column, string field, out string value)
    {
        value = IngestSession.Text(csv[column])!;
        return value is not null || context.Reject(table, field, QuarantineReason.MissingRequiredField, $"{field} is empty");
    }

    /// <summary>True when the source marks the row as an error (a flag column holding 1).</summary>
    public bool NotMarkedError(int column, string field)
    {
        if (column < 0)
        {
            return true;
        }

        var text = Utf8Values.Trim(csv[column]);
        return !(text.Length == 1 && text[0] == (byte)'1')
            || context.Reject(table, field, QuarantineReason.MarkedErrorInSource, $"the source marks this row as an error ({field} = 1)");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Lookup(KeyIndex<VisitEntry> index, int column, string field, PersonEntry person, bool required, string what, out VisitEntry? visit)
    {
        visit = null;
        var key = csv[column];
        if (column < 0 || Utf8Values.Trim(key).IsEmpty)
        {
            return !required || context.Reject(table, field, QuarantineReason.MissingRequiredField, $"{field} is empty");
        }

        if (!index.TryGet(key, out var found))
        {
            return index.WasQuarantined(key)
                ? context.Reject(table, field, QuarantineReason.ParentQuarantined, $"the {what} named in {field} was itself quarantined")
                : context.Reject(table, field, QuarantineReason.UnknownVisit, $"{field} names an {what} found neither in its table nor in the store");
        }

        if (found.PersonId != person.Id)
        {
            return context.Reject(table, field, QuarantineReason.PatientMismatch, $"the {what} named in {field} belongs to a different patient");
        }

        visit = found;
        return true;
    }
}
