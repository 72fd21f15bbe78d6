namespace Galen.Text.Deid.Structured;

/// <summary>What a column of a patient table holds, for de-identification.</summary>
public enum ColumnRole
{
    /// <summary>Not PHI (a lab value, a code, a flag): copied as is.</summary>
    Keep,

    /// <summary>The patient's key (subject_id, person_id): replaced by its keyed pseudonym, so tables still join.</summary>
    PatientKey,

    /// <summary>A date or timestamp: moved by the patient's date shift.</summary>
    Date,

    /// <summary>An identifier (MRN, SSN, account, visit id …): replaced by its keyed pseudonym.</summary>
    Identifier,

    /// <summary>A person's name (full, first or last): replaced by the patient's surrogate name.</summary>
    Name,

    /// <summary>A street address: surrogate.</summary>
    StreetAddress,

    /// <summary>A city: surrogate.</summary>
    City,

    /// <summary>A ZIP code: its three-digit prefix (000 for sparse areas).</summary>
    Zip,

    /// <summary>An age in years: 90 and over becomes "90+".</summary>
    Age,

    /// <summary>Free text (a note, a comment): de-identified like a note of the row's patient.</summary>
    FreeText,

    /// <summary>Removed: the value becomes null.</summary>
    Drop,

    /// <summary>
    /// A surrogate id that names the patient inside a store (<c>person_id</c>, assigned by Galen,
    /// not taken from the source): kept as it is so the tables still join, and used to look up the
    /// patient's keys. When a table has one, it names the patient and a <see cref="PatientKey"/>
    /// column in the same table gets the patient's pseudonym.
    /// </summary>
    PatientId,
}
