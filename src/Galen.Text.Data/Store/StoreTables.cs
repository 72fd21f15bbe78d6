using Galen.Core.Privacy;
using Galen.Text.Deid.Structured;

namespace Galen.Text.Data.Store;

/// <summary>
/// How each table of a Galen store (docs/data-layer.md) is de-identified: the role of every
/// column, in the store's column order. Galen's own integer ids (<c>person_id</c>,
/// <c>visit_occurrence_id</c>, …) are kept — Galen assigned them, they come from no source
/// identifier — so tables still join and task sample keys stay the same; the source's own keys
/// (<c>*_source_value</c>) become keyed pseudonyms; every timestamp moves by the patient's shift;
/// free text is de-identified as a note of the row's patient. Codes, values and units are kept.
/// </summary>
public static class StoreTables
{
    private static ColumnSpec Keep(string name) => new(name, ColumnRole.Keep);

    private static ColumnSpec Date(string name) => new(name, ColumnRole.Date);

    private static ColumnSpec Text(string name) => new(name, ColumnRole.FreeText);

    private static ColumnSpec Id(string name, PhiType type) => new(name, ColumnRole.Identifier, type);

    private static readonly ColumnSpec Person = new("person_id", ColumnRole.PatientId);

    /// <summary>The patient tables, in the order they are written.</summary>
    public static IReadOnlyList<TableSchema> Patient { get; } =
    [
        new("person", [Person, new ColumnSpec("person_source_value", ColumnRole.PatientKey), Keep("gender"), Date("birth_datetime"), Keep("race_source_value"), Keep("ethnicity_source_value"), Keep("source_file_id")]),
        new("death", [Person, Date("death_datetime"), Keep("death_source"), Keep("source_file_id")]),
        new("visit_occurrence", [Keep("visit_occurrence_id"), Person, Id("visit_source_value", PhiType.AccountNumber), Keep("visit_class"), Date("visit_start_datetime"), Date("visit_end_datetime"), Keep("admission_type"), Keep("admitted_from"), Keep("discharged_to"), Keep("died_in_hospital"), Keep("source_file_id")]),
        new("visit_detail", [Keep("visit_detail_id"), Person, Keep("visit_occurrence_id"), Id("visit_detail_source_value", PhiType.AccountNumber), Keep("care_unit"), Date("visit_detail_start_datetime"), Date("visit_detail_end_datetime"), Keep("source_file_id")]),
        new("condition_occurrence", [Keep("condition_occurrence_id"), Person, Keep("visit_occurrence_id"), Keep("condition_concept_id"), Date("condition_start_datetime"), Keep("sequence_number"), Keep("source_file_id")]),
        new("procedure_occurrence", [Keep("procedure_occurrence_id"), Person, Keep("visit_occurrence_id"), Keep("procedure_concept_id"), Date("procedure_datetime"), Keep("source_file_id")]),
        new("drug_exposure", [Keep("drug_exposure_id"), Person, Keep("visit_occurrence_id"), Keep("drug_concept_id"), Keep("atc_concept_id"), Date("drug_exposure_start_datetime"), Date("drug_exposure_end_datetime"), Keep("drug_source_value"), Keep("dose_value"), Keep("dose_source_value"), Keep("dose_unit_source_value"), Keep("route_source_value"), Keep("source_file_id")]),
        new("measurement", [Keep("measurement_id"), Person, Keep("visit_occurrence_id"), Keep("visit_detail_id"), Keep("measurement_concept_id"), Date("measurement_datetime"), Keep("value_as_number"), Text("value_source_value"), Keep("unit_concept_id"), Keep("abnormal"), Keep("category"), Keep("source_file_id")]),
        new("observation", [Keep("observation_id"), Person, Keep("visit_occurrence_id"), Keep("observation_concept_id"), Date("observation_datetime"), Keep("value_as_number"), Text("value_as_string"), Keep("unit_concept_id"), Keep("source_file_id")]),
    ];

    /// <summary>
    /// The note table. <c>note_text</c> goes through the note pipeline (on all cores, with the
    /// per-note manifest); the other columns through the same roles as every table.
    /// </summary>
    public static TableSchema Note { get; } =
        new("note", [Keep("note_id"), Person, Keep("visit_occurrence_id"), Date("note_datetime"), Keep("note_class"), Text("note_title"), Text("note_text"), Id("note_source_value", PhiType.OtherIdentifier), Keep("source_file_id")]);

    /// <summary>Vocabularies: no patient data, copied as they are.</summary>
    public static IReadOnlyList<string> Vocabulary { get; } = ["concept", "item_map", "omop_concept"];
}
