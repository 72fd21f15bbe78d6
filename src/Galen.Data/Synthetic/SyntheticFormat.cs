namespace Galen.Data.Synthetic;

/// <summary>The formats the synthetic hospital writes (docs/data-formats.md).</summary>
public enum SyntheticFormat
{
    /// <summary>MIMIC-III-style CSV tables.</summary>
    Mimic,

    /// <summary>OMOP CDM v5.4 CSV tables with concept.csv.</summary>
    Omop,

    /// <summary>FHIR R4 NDJSON or per-patient Bundles.</summary>
    Fhir,
}
