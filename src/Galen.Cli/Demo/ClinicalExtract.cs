using Galen.Data.Ingest;

namespace Galen.Cli.Demo;

/// <summary>
/// An EHR extract an earlier demo stage wrote (the synthetic hospital), for
/// <see cref="ClinicalDataStage"/> to ingest.
/// </summary>
/// <param name="Path">Folder of MIMIC-style CSVs (or OMOP CSVs, or FHIR files).</param>
/// <param name="Format">Its format.</param>
/// <param name="LatestValidTime">Latest plausible date in it (extracts shifted into the future need this).</param>
public sealed record ClinicalExtract(string Path, IngestFormat Format = IngestFormat.Mimic, DateTime? LatestValidTime = null);
