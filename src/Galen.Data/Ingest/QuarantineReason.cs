namespace Galen.Data.Ingest;

/// <summary>Why a record was rejected into the quarantine.</summary>
public enum QuarantineReason
{
    /// <summary>The record cannot be read as a record at all (broken quoting, wrong number of fields, invalid JSON).</summary>
    MalformedRecord,

    /// <summary>A field the record cannot do without is empty or absent.</summary>
    MissingRequiredField,

    /// <summary>A field holds something that is not a valid value of its type (a number, a date, a code).</summary>
    InvalidValue,

    /// <summary>A second record with a key already used (a patient, an admission, a stay).</summary>
    DuplicateKey,

    /// <summary>The record refers to a patient the store does not have.</summary>
    UnknownPatient,

    /// <summary>The record refers to an admission / encounter / stay the store does not have.</summary>
    UnknownVisit,

    /// <summary>The record's admission belongs to a different patient than the record names.</summary>
    PatientMismatch,

    /// <summary>The patient or admission the record belongs to was itself quarantined.</summary>
    ParentQuarantined,

    /// <summary>An end before its start: discharge before admission, stop before start, out-time before in-time.</summary>
    EndBeforeStart,

    /// <summary>A date of death before the date of birth.</summary>
    DeathBeforeBirth,

    /// <summary>An event dated before the patient's birth.</summary>
    BeforeBirth,

    /// <summary>A date after the latest valid time (see <see cref="IngestOptions.LatestValidTime"/>).</summary>
    FutureDate,

    /// <summary>The source itself marks the record as an error (MIMIC <c>ERROR</c> / <c>ISERROR</c> = 1).</summary>
    MarkedErrorInSource,
}
