using Galen.Core.Clinical;
using Galen.Data.Synthetic.Catalog;
using Galen.Data.Synthetic.Model;

namespace Galen.Data.Synthetic.Output;

/// <summary>
/// Writes OMOP CDM v5.4 CSV tables (docs/data-formats.md). Source codes are local concepts
/// (ids from <see cref="FirstLocalConceptId"/>, the range the CDM reserves for local use) whose
/// concept.csv rows give the (vocabulary, code) pair; the <c>*_source_value</c> columns repeat
/// the plain code. Gender, race, ethnicity, visit and type use the standard OMOP concepts.
/// </summary>
public sealed class OmopCsvWriter(string directory, bool compress = false) : HospitalDirectoryWriter(directory, compress)
{
    /// <summary>Concept id of the first code in <see cref="CodeCatalog.All"/>.</summary>
    public const long FirstLocalConceptId = 2_000_000_001;

    /// <summary>Standard concepts used: Male, Female, White, Black or African American, Asian, Hispanic or Latino,
    /// Not Hispanic or Latino, Inpatient Visit, EHR (type), UTF-8, English language.</summary>
    private static readonly (long Id, string Name, string Domain, string Vocabulary, string ConceptClass, string Code)[] StandardConcepts =
    [
        (8507, "MALE", "Gender", "Gender", "Gender", "M"),
        (8532, "FEMALE", "Gender", "Gender", "Gender", "F"),
        (8527, "White", "Race", "Race", "Race", "5"),
        (8516, "Black or African American", "Race", "Race", "Race", "3"),
        (8515, "Asian", "Race", "Race", "Race", "2"),
        (38003563, "Hispanic or Latino", "Ethnicity", "Ethnicity", "Ethnicity", "Hispanic"),
        (38003564, "Not Hispanic or Latino", "Ethnicity", "Ethnicity", "Ethnicity", "Not Hispanic"),
        (9201, "Inpatient Visit", "Visit", "Visit", "Visit", "IP"),
        (32817, "EHR", "Type Concept", "Type Concept", "Type Concept", "OMOP4976890"),
        (32678, "UTF-8", "Metadata", "Metadata", "Encoding", "OMOP5121012"),
        (4180186, "English language", "Observation", "SNOMED", "Qualifier Value", "297496001"),
    ];

    private const long Ehr = 32817;

    private const int Person = 0;
    private const int Visit = 1;
    private const int Condition = 2;
    private const int Procedure = 3;
    private const int DrugExposure = 4;
    private const int MeasurementTable = 5;
    private const int Observation = 6;
    private const int Note = 7;
    private const int Death = 8;

    private const int ConditionIds = 0;
    private const int ProcedureIds = 1;
    private const int DrugIds = 2;
    private const int MeasurementIds = 3;
    private const int ObservationIds = 4;

    private static readonly Dictionary<ClinicalCode, long> Concepts = CodeCatalog.All
        .Select((code, i) => (code, id: FirstLocalConceptId + i)).ToDictionary(p => p.code, p => p.id);

    private static readonly long[] AnalyteConcepts = AnalyteCatalog.All.Select(a => Concepts[new ClinicalCode(CodeSystems.Loinc, a.Loinc)]).ToArray();

    private static readonly TableFile[] Tables =
    [
        new("person.csv", ["person_id", "gender_concept_id", "year_of_birth", "month_of_birth", "day_of_birth", "birth_datetime", "race_concept_id", "ethnicity_concept_id",
            "location_id", "provider_id", "care_site_id", "person_source_value", "gender_source_value", "gender_source_concept_id", "race_source_value",
            "race_source_concept_id", "ethnicity_source_value", "ethnicity_source_concept_id"]),
        new("visit_occurrence.csv", ["visit_occurrence_id", "person_id", "visit_concept_id", "visit_start_date", "visit_start_datetime", "visit_end_date", "visit_end_datetime",
            "visit_type_concept_id", "provider_id", "care_site_id", "visit_source_value", "visit_source_concept_id", "admitted_from_concept_id", "admitted_from_source_value",
            "discharged_to_concept_id", "discharged_to_source_value", "preceding_visit_occurrence_id"]),
        new("condition_occurrence.csv", ["condition_occurrence_id", "person_id", "condition_concept_id", "condition_start_date", "condition_start_datetime", "condition_end_date",
            "condition_end_datetime", "condition_type_concept_id", "condition_status_concept_id", "stop_reason", "provider_id", "visit_occurrence_id", "visit_detail_id",
            "condition_source_value", "condition_source_concept_id", "condition_status_source_value"]),
        new("procedure_occurrence.csv", ["procedure_occurrence_id", "person_id", "procedure_concept_id", "procedure_date", "procedure_datetime", "procedure_end_date",
            "procedure_end_datetime", "procedure_type_concept_id", "modifier_concept_id", "quantity", "provider_id", "visit_occurrence_id", "visit_detail_id",
            "procedure_source_value", "procedure_source_concept_id", "modifier_source_value"]),
        new("drug_exposure.csv", ["drug_exposure_id", "person_id", "drug_concept_id", "drug_exposure_start_date", "drug_exposure_start_datetime", "drug_exposure_end_date",
            "drug_exposure_end_datetime", "verbatim_end_date", "drug_type_concept_id", "stop_reason", "refills", "quantity", "days_supply", "sig", "route_concept_id",
            "lot_number", "provider_id", "visit_occurrence_id", "visit_detail_id", "drug_source_value", "drug_source_concept_id", "route_source_value", "dose_unit_source_value"]),
        new("measurement.csv", ["measurement_id", "person_id", "measurement_concept_id", "measurement_date", "measurement_datetime", "measurement_time",
            "measurement_type_concept_id", "operator_concept_id", "value_as_number", "value_as_concept_id", "unit_concept_id", "range_low", "range_high", "provider_id",
            "visit_occurrence_id", "visit_detail_id", "measurement_source_value", "measurement_source_concept_id", "unit_source_value", "unit_source_concept_id",
            "value_source_value", "measurement_event_id", "meas_event_field_concept_id"]),
        new("observation.csv", ["observation_id", "person_id", "observation_concept_id", "observation_date", "observation_datetime", "observation_type_concept_id",
            "value_as_number", "value_as_string", "value_as_concept_id", "qualifier_concept_id", "unit_concept_id", "provider_id", "visit_occurrence_id", "visit_detail_id",
            "observation_source_value", "observation_source_concept_id", "unit_source_value", "qualifier_source_value", "value_source_value", "observation_event_id",
            "obs_event_field_concept_id"]),
        new("note.csv", ["note_id", "person_id", "note_date", "note_datetime", "note_type_concept_id", "note_class_concept_id", "note_title", "note_text",
            "encoding_concept_id", "language_concept_id", "provider_id", "visit_occurrence_id", "visit_detail_id", "note_source_value", "note_event_id",
            "note_event_field_concept_id"]),
        new("death.csv", ["person_id", "death_date", "death_datetime", "death_type_concept_id", "cause_concept_id", "cause_source_value", "cause_source_concept_id"]),
    ];

    protected override string FormatName => "omop";

    private protected override IReadOnlyList<TableFile> FormatTables => Tables;

    private protected override int IdKinds => 5;

    /// <summary>The local concept id of a code the synthetic hospital writes.</summary>
    public static long ConceptId(ClinicalCode code) => Concepts.TryGetValue(code, out long id)
        ? id
        : throw new KeyNotFoundException($"{code.Key} is not in the synthetic hospital's code catalogue.");

    /// <summary>OMOP's vocabulary_id for one of Galen's code systems.</summary>
    public static string VocabularyId(string system) => system switch
    {
        CodeSystems.Icd10Cm => "ICD10CM",
        CodeSystems.Icd10Pcs => "ICD10PCS",
        CodeSystems.Icd9Cm => "ICD9CM",
        CodeSystems.Atc => "ATC",
        CodeSystems.RxNorm => "RxNorm",
        CodeSystems.Ndc => "NDC",
        CodeSystems.Loinc => "LOINC",
        CodeSystems.SnomedCt => "SNOMED",
        _ => system,
    };

    private protected override void CountIds(SyntheticPatient patient, Span<long> counts)
    {
        foreach (var a in patient.Admissions)
        {
            counts[ConditionIds] += a.Diagnoses.Count;
            counts[ProcedureIds] += a.Procedures.Count;
            counts[DrugIds] += a.Prescriptions.Count;
            counts[MeasurementIds] += a.Labs.Count + a.Vitals.Count;
            counts[ObservationIds] += 1;
        }

        counts[MeasurementIds] += patient.OutpatientLabs.Count;
    }

    private protected override void WriteStaticFiles(HospitalSetting setting)
    {
        WriteWholeTable(new TableFile("concept.csv", ["concept_id", "concept_name", "domain_id", "vocabulary_id", "concept_class_id", "standard_concept", "concept_code",
            "valid_start_date", "valid_end_date", "invalid_reason"]), rows =>
        {
            var start = new DateTime(1970, 1, 1);
            var end = new DateTime(2099, 12, 31);
            foreach (var c in StandardConcepts)
            {
                rows.Field(c.Id).Field(c.Name).Field(c.Domain).Field(c.Vocabulary).Field(c.ConceptClass).Field("S").Field(c.Code).Date(start).Date(end).Empty().EndRow();
            }

            foreach (var code in CodeCatalog.All)
            {
                var (domain, conceptClass, standard) = code.System switch
                {
                    CodeSystems.Icd10Cm => ("Condition", "ICD10 code", false),
                    CodeSystems.Icd10Pcs => ("Procedure", "ICD10PCS", false),
                    CodeSystems.Atc => ("Drug", "ATC 5th", false),
                    CodeSystems.RxNorm => ("Drug", "Ingredient", true),
                    _ when code == CodeCatalog.SmokingStatus => ("Observation", "Clinical Observation", true),
                    _ => ("Measurement", "Lab Test", true),
                };
                rows.Field(ConceptId(code)).Field(code.Display ?? code.Code).Field(domain).Field(VocabularyId(code.System)).Field(conceptClass)
                    .Field(standard ? "S" : null).Field(code.Code).Date(start).Date(end).Empty().EndRow();
            }
        });
    }

    private protected override void Render(SyntheticPatient patient, Utf8Rows[] rows, ReadOnlySpan<long> firstIds)
    {
        long person = patient.SubjectId;
        long conditionId = firstIds[ConditionIds];
        long procedureId = firstIds[ProcedureIds];
        long drugId = firstIds[DrugIds];
        long measurementId = firstIds[MeasurementIds];
        long observationId = firstIds[ObservationIds];
        var (race, ethnicity) = patient.Ethnicity switch
        {
            "WHITE" => (8527L, 38003564L),
            "BLACK/AFRICAN AMERICAN" => (8516L, 38003564L),
            "ASIAN" => (8515L, 38003564L),
            "HISPANIC/LATINO" => (0L, 38003563L),
            _ => (0L, 0L),
        };
        rows[Person].Field(person).Field(patient.Sex == "M" ? 8507L : 8532L).Field((long)patient.BirthDate.Year).Field((long)patient.BirthDate.Month)
            .Field((long)patient.BirthDate.Day).Time(patient.BirthDate).Field(race).Field(ethnicity).Empty().Empty().Empty()
            .Field(person).Field(patient.Sex).Field(0L).Field(patient.Ethnicity).Field(0L).Field(patient.Ethnicity).Field(0L).EndRow();

        long? preceding = null;
        foreach (var a in patient.Admissions)
        {
            long visit = a.HadmId;
            rows[Visit].Field(visit).Field(person).Field(9201L).Date(a.AdmitTime).Time(a.AdmitTime).Date(a.DischargeTime).Time(a.DischargeTime)
                .Field(Ehr).Empty().Field(a.SiteIndex + 1L).Field(visit).Field(0L).Field(0L).Field(a.AdmissionLocation).Field(0L).Field(a.DischargeLocation)
                .Field(preceding).EndRow();
            preceding = visit;

            for (int i = 0; i < a.Diagnoses.Count; i++)
            {
                var code = a.Diagnoses[i];
                long concept = ConceptId(code);
                rows[Condition].Field(conditionId++).Field(person).Field(concept).Date(a.AdmitTime).Time(a.AdmitTime).Date(a.DischargeTime).Time(a.DischargeTime)
                    .Field(Ehr).Field(0L).Empty().Empty().Field(visit).Empty().Field(code.Code).Field(concept).Field(i == 0 ? "primary" : "secondary").EndRow();
            }

            foreach (var p in a.Procedures)
            {
                long concept = ConceptId(p.Code);
                rows[Procedure].Field(procedureId++).Field(person).Field(concept).Date(p.Time).Time(p.Time).Date(p.Time).Time(p.Time)
                    .Field(Ehr).Field(0L).Field(1L).Empty().Field(visit).Empty().Field(p.Code.Code).Field(concept).Empty().EndRow();
            }

            foreach (var p in a.Prescriptions)
            {
                var drug = p.Drug;
                long atc = ConceptId(drug.AtcCode);
                long concept = drug.RxNormCode is { } rx ? ConceptId(rx) : atc;
                string sig = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{drug.Dose:0.###} {drug.DoseUnit} {drug.Route} {drug.Frequency}");
                rows[DrugExposure].Field(drugId++).Field(person).Field(concept).Date(p.Start).Time(p.Start).Date(p.End).Time(p.End).Empty()
                    .Field(Ehr).Empty().Empty().Empty().Empty().Field(sig).Field(0L).Empty().Empty().Field(visit).Empty()
                    .Field(drug.Atc).Field(atc).Field(drug.Route).Field(drug.DoseUnit).EndRow();
            }

            foreach (var m in a.Labs)
            {
                Measurement(rows[MeasurementTable], measurementId++, person, visit, m);
            }

            foreach (var m in a.Vitals)
            {
                Measurement(rows[MeasurementTable], measurementId++, person, visit, m);
            }

            long smoking = ConceptId(CodeCatalog.SmokingStatus);
            rows[Observation].Field(observationId++).Field(person).Field(smoking).Date(a.AdmitTime).Time(a.AdmitTime).Field(Ehr).Empty()
                .Field(patient.Smoking switch
                {
                    SmokingStatus.Current => "Current every day smoker",
                    SmokingStatus.Former => "Former smoker",
                    _ => "Never smoker",
                })
                .Field(0L).Empty().Empty().Empty().Field(visit).Empty().Field(CodeCatalog.SmokingStatus.Code).Field(smoking).Empty().Empty().Empty().Empty().Empty().EndRow();

            foreach (var note in a.Notes)
            {
                rows[Note].Field(note.NoteId).Field(person).Date(note.Time).Time(note.Time).Field(Ehr).Field(0L).Field(note.Description).Field(note.Text)
                    .Field(32678L).Field(4180186L).Empty().Field(visit).Empty().Field(note.Category).Empty().Empty().EndRow();
            }
        }

        foreach (var m in patient.OutpatientLabs)
        {
            Measurement(rows[MeasurementTable], measurementId++, person, null, m);
        }

        if (patient.DeathTime is { } death)
        {
            rows[Death].Field(person).Date(death).Time(death).Field(Ehr).Field(0L).Empty().Field(0L).EndRow();
        }
    }

    private static void Measurement(Utf8Rows rows, long id, long person, long? visit, Measurement m)
    {
        var info = AnalyteCatalog.Get(m.Analyte);
        long concept = AnalyteConcepts[(int)m.Analyte];
        rows.Field(id).Field(person).Field(concept).Date(m.Time).Time(m.Time).Field(m.Time.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture))
            .Field(Ehr).Field(0L);
        if (m.IsCensored)
        {
            rows.Empty();
        }
        else
        {
            rows.Field(m.Value, info.Decimals);
        }

        rows.Field(0L).Field(0L).Field(info.NormalLow, info.Decimals).Field(info.NormalHigh, info.Decimals).Empty().Field(visit).Empty()
            .Field(info.Loinc).Field(concept).Field(info.Unit);
        rows.Field(0L);
        if (m.IsCensored)
        {
            rows.Field("<" + m.Value.ToString("F" + info.Decimals, System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            rows.Empty();
        }

        rows.Empty().Empty().EndRow();
    }
}
