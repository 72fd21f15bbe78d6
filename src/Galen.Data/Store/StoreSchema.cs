namespace Galen.Data.Store;

/// <summary>
/// The tables of a Galen clinical store. Clinical tables follow OMOP CDM v5.4 (names, keys,
/// <c>*_concept_id</c> columns pointing at <c>concept</c>); codes are kept as the (vocabulary,
/// code) pair the source used, in <c>concept</c>. Galen adds provenance (<c>source_file_id</c>
/// on every row), ingest bookkeeping (<c>ingest_run</c>, <c>ingest_file</c>) and the
/// <c>quarantine</c> of rejected records. Column order here is the order appenders write.
/// </summary>
internal static class StoreSchema
{
    /// <summary>Bumped when a table changes shape; part of the data fingerprint.</summary>
    public const int Version = 1;

    public static readonly string[] Statements =
    [
        "CREATE TABLE IF NOT EXISTS galen_meta (key VARCHAR, value VARCHAR)",
        "CREATE TABLE IF NOT EXISTS concept (concept_id INTEGER, vocabulary_id VARCHAR, concept_code VARCHAR, concept_name VARCHAR)",
        "CREATE TABLE IF NOT EXISTS item_map (source VARCHAR, item_id VARCHAR, concept_id INTEGER)",
        "CREATE TABLE IF NOT EXISTS person (person_id BIGINT, person_source_value VARCHAR, gender VARCHAR, birth_datetime TIMESTAMP, race_source_value VARCHAR, ethnicity_source_value VARCHAR, source_file_id INTEGER)",
        "CREATE TABLE IF NOT EXISTS death (person_id BIGINT, death_datetime TIMESTAMP, death_source VARCHAR, source_file_id INTEGER)",
        "CREATE TABLE IF NOT EXISTS visit_occurrence (visit_occurrence_id BIGINT, person_id BIGINT, visit_source_value VARCHAR, visit_class VARCHAR, visit_start_datetime TIMESTAMP, visit_end_datetime TIMESTAMP, admission_type VARCHAR, admitted_from VARCHAR, discharged_to VARCHAR, died_in_hospital BOOLEAN, source_file_id INTEGER)",
        "CREATE TABLE IF NOT EXISTS visit_detail (visit_detail_id BIGINT, person_id BIGINT, visit_occurrence_id BIGINT, visit_detail_source_value VARCHAR, care_unit VARCHAR, visit_detail_start_datetime TIMESTAMP, visit_detail_end_datetime TIMESTAMP, source_file_id INTEGER)",
        "CREATE TABLE IF NOT EXISTS condition_occurrence (condition_occurrence_id BIGINT, person_id BIGINT, visit_occurrence_id BIGINT, condition_concept_id INTEGER, condition_start_datetime TIMESTAMP, sequence_number INTEGER, source_file_id INTEGER)",
        "CREATE TABLE IF NOT EXISTS procedure_occurrence (procedure_occurrence_id BIGINT, person_id BIGINT, visit_occurrence_id BIGINT, procedure_concept_id INTEGER, procedure_datetime TIMESTAMP, source_file_id INTEGER)",
        "CREATE TABLE IF NOT EXISTS drug_exposure (drug_exposure_id BIGINT, person_id BIGINT, visit_occurrence_id BIGINT, drug_concept_id INTEGER, atc_concept_id INTEGER, drug_exposure_start_datetime TIMESTAMP, drug_exposure_end_datetime TIMESTAMP, drug_source_value VARCHAR, dose_value DOUBLE, dose_source_value VARCHAR, dose_unit_source_value VARCHAR, route_source_value VARCHAR, source_file_id INTEGER)",
        "CREATE TABLE IF NOT EXISTS measurement (measurement_id BIGINT, person_id BIGINT, visit_occurrence_id BIGINT, visit_detail_id BIGINT, measurement_concept_id INTEGER, measurement_datetime TIMESTAMP, value_as_number DOUBLE, value_source_value VARCHAR, unit_concept_id INTEGER, abnormal BOOLEAN, category TINYINT, source_file_id INTEGER)",
        "CREATE TABLE IF NOT EXISTS observation (observation_id BIGINT, person_id BIGINT, visit_occurrence_id BIGINT, observation_concept_id INTEGER, observation_datetime TIMESTAMP, value_as_number DOUBLE, value_as_string VARCHAR, unit_concept_id INTEGER, source_file_id INTEGER)",
        "CREATE TABLE IF NOT EXISTS note (note_id BIGINT, person_id BIGINT, visit_occurrence_id BIGINT, note_datetime TIMESTAMP, note_class VARCHAR, note_title VARCHAR, note_text VARCHAR, note_source_value VARCHAR, source_file_id INTEGER)",
        "CREATE TABLE IF NOT EXISTS ingest_run (run_id INTEGER, format VARCHAR, source_path VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP, outcome VARCHAR)",
        "CREATE TABLE IF NOT EXISTS ingest_file (source_file_id INTEGER, run_id INTEGER, format VARCHAR, file_name VARCHAR, table_name VARCHAR, content_hash VARCHAR, bytes BIGINT, records_read BIGINT, records_accepted BIGINT, records_quarantined BIGINT)",
        "CREATE TABLE IF NOT EXISTS quarantine (run_id INTEGER, source_file_id INTEGER, file_name VARCHAR, line BIGINT, record_id VARCHAR, target_table VARCHAR, field VARCHAR, reason VARCHAR, detail VARCHAR, raw_record VARCHAR)",
        "CREATE TABLE IF NOT EXISTS omop_concept (concept_id BIGINT, vocabulary_id VARCHAR, concept_code VARCHAR, concept_name VARCHAR)",
    ];

    /// <summary>Clinical tables, in the order their content is compared and fingerprinted.</summary>
    public static readonly string[] ClinicalTables =
    [
        "person", "death", "visit_occurrence", "visit_detail", "condition_occurrence", "procedure_occurrence",
        "drug_exposure", "measurement", "observation", "note",
    ];

    /// <summary>Primary-key column of each table that has one.</summary>
    public static string? KeyColumn(string table) => table switch
    {
        "person" => "person_id",
        "visit_occurrence" => "visit_occurrence_id",
        "visit_detail" => "visit_detail_id",
        "condition_occurrence" => "condition_occurrence_id",
        "procedure_occurrence" => "procedure_occurrence_id",
        "drug_exposure" => "drug_exposure_id",
        "measurement" => "measurement_id",
        "observation" => "observation_id",
        "note" => "note_id",
        _ => null,
    };
}
