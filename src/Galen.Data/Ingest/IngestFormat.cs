namespace Galen.Data.Ingest;

/// <summary>The source formats <c>galen ingest</c> reads (see docs/data-formats.md).</summary>
public enum IngestFormat
{
    /// <summary>MIMIC-III / MIMIC-IV style CSV tables (plain or .csv.gz) in one folder.</summary>
    Mimic,

    /// <summary>OMOP CDM v5.4 CSV exports with <c>concept.csv</c>.</summary>
    Omop,

    /// <summary>FHIR R4 JSON Bundles and bulk-export NDJSON.</summary>
    Fhir,
}
