using System.Globalization;
using Galen.Data.Store;

namespace Galen.Data.Timeline;

/// <summary>The kinds of event on a timeline, combinable.</summary>
[Flags]
public enum EventKinds
{
    None = 0,
    Condition = 1,
    Procedure = 2,
    Drug = 4,
    Measurement = 8,
    Note = 16,
    All = Condition | Procedure | Drug | Measurement | Note,
}

/// <summary>One event of any kind, for code that walks a timeline generically.</summary>
/// <param name="Kind">Which kind.</param>
/// <param name="Time">When it happened (drugs: start; undated codes: when known).</param>
/// <param name="ConceptId">Its code, or -1 for notes.</param>
/// <param name="Visit">Its visit's index, or -1.</param>
/// <param name="Value">A measurement's value; NaN otherwise.</param>
public readonly record struct TimelineEvent(EventKinds Kind, DateTime Time, int ConceptId, int Visit, double Value);

/// <summary>
/// One patient's timeline: demographics, visits in time order, and events by type, each sorted
/// by time. What task code reads. The patient is known by a pseudonymous <see cref="Key"/>,
/// never by a source identifier.
/// </summary>
public sealed class Patient
{
    private readonly PatientTimelines _owner;
    private readonly int _index;

    internal Patient(PatientTimelines owner, int index)
    {
        _owner = owner;
        _index = index;
    }

    /// <summary>The store's <c>person_id</c>.</summary>
    public long PersonId => Columns.PersonIds[_index];

    /// <summary>Pseudonymous key for samples and splits ("p" + person id; not derived from any source identifier).</summary>
    public string Key => "p" + PersonId.ToString(CultureInfo.InvariantCulture);

    public Sex Sex => Columns.Sexes[_index];

    public DateTime? BirthTime => Columns.Births[_index];

    /// <summary>Race / ethnicity group as the source wrote it, when given.</summary>
    public string? Ethnicity => Columns.Ethnicities[_index];

    public DateTime? DeathTime => Columns.Deaths[_index];

    /// <summary>The batch's code table.</summary>
    public CodeTable Codes => _owner.Codes;

    /// <summary>End of follow-up for the whole store (latest event time).</summary>
    public DateTime DataEnd => _owner.DataEnd;

    /// <summary>Visits by start time.</summary>
    public ReadOnlySpan<Visit> Visits => Slice(Columns.Visits, Columns.VisitOffsets);

    /// <summary>Diagnoses by the time they are known.</summary>
    public ReadOnlySpan<ConditionEvent> Conditions => Slice(Columns.Conditions, Columns.ConditionOffsets);

    /// <summary>Procedures by the time they are known.</summary>
    public ReadOnlySpan<ProcedureEvent> Procedures => Slice(Columns.Procedures, Columns.ProcedureOffsets);

    /// <summary>Drug exposures by start time.</summary>
    public ReadOnlySpan<DrugEvent> Drugs => Slice(Columns.Drugs, Columns.DrugOffsets);

    /// <summary>Labs and vitals by time.</summary>
    public ReadOnlySpan<MeasurementEvent> Measurements => Slice(Columns.Measurements, Columns.MeasurementOffsets);

    /// <summary>Notes by time (empty unless loaded with notes).</summary>
    public ReadOnlySpan<NoteEvent> Notes => Slice(Columns.Notes, Columns.NoteOffsets);

    private PatientColumns Columns => _owner.Columns;

    /// <summary>Age in years at a time (fractional), or null when the birth date is unknown.</summary>
    public double? AgeAt(DateTime time) => BirthTime is { } birth ? (time - birth).TotalDays / 365.2425 : null;

    /// <summary>Measurements with <paramref name="from"/> ≤ time ≤ <paramref name="to"/> (binary search).</summary>
    public ReadOnlySpan<MeasurementEvent> MeasurementsBetween(DateTime from, DateTime to)
    {
        var all = Measurements;
        int start = LowerBound(all, from);
        int end = LowerBound(all, to.AddTicks(1));
        return all[start..Math.Max(start, end)];
    }

    /// <summary>
    /// Events of the given kinds with <paramref name="from"/> ≤ time ≤ <paramref name="to"/>,
    /// in time order. Codes without a time count at the time they become known (their visit's end).
    /// </summary>
    public IReadOnlyList<TimelineEvent> Events(EventKinds kinds, DateTime from, DateTime to)
    {
        var events = new List<TimelineEvent>();
        if (kinds.HasFlag(EventKinds.Condition))
        {
            foreach (var e in Conditions)
            {
                if (e.KnownAt >= from && e.KnownAt <= to)
                {
                    events.Add(new TimelineEvent(EventKinds.Condition, e.KnownAt, e.ConceptId, e.Visit, double.NaN));
                }
            }
        }

        if (kinds.HasFlag(EventKinds.Procedure))
        {
            foreach (var e in Procedures)
            {
                if (e.KnownAt >= from && e.KnownAt <= to)
                {
                    events.Add(new TimelineEvent(EventKinds.Procedure, e.KnownAt, e.ConceptId, e.Visit, double.NaN));
                }
            }
        }

        if (kinds.HasFlag(EventKinds.Drug))
        {
            foreach (var e in Drugs)
            {
                if (e.Start >= from && e.Start <= to)
                {
                    events.Add(new TimelineEvent(EventKinds.Drug, e.Start, e.ConceptId, e.Visit, double.NaN));
                }
            }
        }

        if (kinds.HasFlag(EventKinds.Measurement))
        {
            foreach (var e in MeasurementsBetween(from, to))
            {
                events.Add(new TimelineEvent(EventKinds.Measurement, e.Time, e.ConceptId, e.Visit, e.Value));
            }
        }

        if (kinds.HasFlag(EventKinds.Note))
        {
            foreach (var e in Notes)
            {
                if (e.Time >= from && e.Time <= to)
                {
                    events.Add(new TimelineEvent(EventKinds.Note, e.Time, -1, e.Visit, double.NaN));
                }
            }
        }

        events.Sort((a, b) => a.Time.CompareTo(b.Time));
        return events;
    }

    private static int LowerBound(ReadOnlySpan<MeasurementEvent> events, DateTime time)
    {
        int lo = 0, hi = events.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (events[mid].Time < time)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private ReadOnlySpan<T> Slice<T>(T[] values, int[] offsets) => values.AsSpan(offsets[_index], offsets[_index + 1] - offsets[_index]);
}
