using System.Collections;

namespace Galen.Data.Timeline;

/// <summary>
/// A batch of patient timelines in columnar form: one array per event type for the whole
/// batch, each patient a slice of it. Loaded in bulk by <see cref="Store.ClinicalStore.Timelines"/>.
/// </summary>
public sealed class PatientTimelines : IReadOnlyList<Patient>
{
    internal PatientTimelines(CodeTable codes, DateTime dataEnd, PatientColumns columns)
    {
        Codes = codes;
        DataEnd = dataEnd;
        Columns = columns;
        Patients = Enumerable.Range(0, columns.PersonIds.Length).Select(i => new Patient(this, i)).ToArray();
    }

    /// <summary>The codes events refer to.</summary>
    public CodeTable Codes { get; }

    /// <summary>The latest event time in the whole store: the end of follow-up, for censoring.</summary>
    public DateTime DataEnd { get; }

    public int Count => Patients.Length;

    /// <summary>Events of every kind in the batch.</summary>
    public long EventCount => Columns.Conditions.Length + Columns.Procedures.Length + Columns.Drugs.Length + Columns.Measurements.Length + Columns.Notes.Length;

    internal PatientColumns Columns { get; }

    private Patient[] Patients { get; }

    public Patient this[int index] => Patients[index];

    public IEnumerator<Patient> GetEnumerator() => ((IEnumerable<Patient>)Patients).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>The arrays behind a <see cref="PatientTimelines"/> batch; offsets have one entry per patient plus one.</summary>
internal sealed record PatientColumns(
    long[] PersonIds,
    Sex[] Sexes,
    DateTime?[] Births,
    string?[] Ethnicities,
    DateTime?[] Deaths,
    Visit[] Visits,
    int[] VisitOffsets,
    ConditionEvent[] Conditions,
    int[] ConditionOffsets,
    ProcedureEvent[] Procedures,
    int[] ProcedureOffsets,
    DrugEvent[] Drugs,
    int[] DrugOffsets,
    MeasurementEvent[] Measurements,
    int[] MeasurementOffsets,
    NoteEvent[] Notes,
    int[] NoteOffsets);
