using Galen.Data.Ingest;

namespace Galen.Data.Store;

/// <summary>One record the ingest rejected, as kept in the store's quarantine table.</summary>
/// <param name="RunId">The ingest run that rejected it.</param>
/// <param name="File">Source file name.</param>
/// <param name="Line">Line where the record starts (CSV, NDJSON), when the source has lines.</param>
/// <param name="RecordId">The record's own id where it has one (a FHIR "Type/id", a patient or admission key).</param>
/// <param name="Table">Store table it was meant for.</param>
/// <param name="Field">The field at fault, when one is.</param>
/// <param name="Reason">Why it was rejected.</param>
/// <param name="Detail">Explanation in words (no values).</param>
/// <param name="Raw">The record as written in the source; may hold patient data.</param>
public sealed record QuarantinedRecord(int RunId, string File, long? Line, string? RecordId, string Table, string? Field, QuarantineReason Reason, string Detail, string? Raw);
