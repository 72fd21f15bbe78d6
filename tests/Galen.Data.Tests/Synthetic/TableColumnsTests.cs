using System.Text.RegularExpressions;
using Galen.Data.Synthetic;
using Galen.Data.Synthetic.Output;

namespace Galen.Data.Tests.Synthetic;

/// <summary>The CSV tables have the columns docs/data-formats.md and the OMOP CDM v5.4 specification name.</summary>
public sealed partial class TableColumnsTests
{
    /// <summary>Column lists of OMOP CDM v5.4 as in OHDSI/CommonDataModel inst/ddl/5.4/postgresql/OMOPCDM_postgresql_5.4_ddl.sql.</summary>
    private static readonly Dictionary<string, string> OmopDdl = new(StringComparer.Ordinal)
    {
        ["person"] = "person_id gender_concept_id year_of_birth month_of_birth day_of_birth birth_datetime race_concept_id ethnicity_concept_id location_id provider_id care_site_id person_source_value gender_source_value gender_source_concept_id race_source_value race_source_concept_id ethnicity_source_value ethnicity_source_concept_id",
        ["visit_occurrence"] = "visit_occurrence_id person_id visit_concept_id visit_start_date visit_start_datetime visit_end_date visit_end_datetime visit_type_concept_id provider_id care_site_id visit_source_value visit_source_concept_id admitted_from_concept_id admitted_from_source_value discharged_to_concept_id discharged_to_source_value preceding_visit_occurrence_id",
        ["condition_occurrence"] = "condition_occurrence_id person_id condition_concept_id condition_start_date condition_start_datetime condition_end_date condition_end_datetime condition_type_concept_id condition_status_concept_id stop_reason provider_id visit_occurrence_id visit_detail_id condition_source_value condition_source_concept_id condition_status_source_value",
        ["drug_exposure"] = "drug_exposure_id person_id drug_concept_id drug_exposure_start_date drug_exposure_start_datetime drug_exposure_end_date drug_exposure_end_datetime verbatim_end_date drug_type_concept_id stop_reason refills quantity days_supply sig route_concept_id lot_number provider_id visit_occurrence_id visit_detail_id drug_source_value drug_source_concept_id route_source_value dose_unit_source_value",
        ["procedure_occurrence"] = "procedure_occurrence_id person_id procedure_concept_id procedure_date procedure_datetime procedure_end_date procedure_end_datetime procedure_type_concept_id modifier_concept_id quantity provider_id visit_occurrence_id visit_detail_id procedure_source_value procedure_source_concept_id modifier_source_value",
        ["measurement"] = "measurement_id person_id measurement_concept_id measurement_date measurement_datetime measurement_time measurement_type_concept_id operator_concept_id value_as_number value_as_concept_id unit_concept_id range_low range_high provider_id visit_occurrence_id visit_detail_id measurement_source_value measurement_source_concept_id unit_source_value unit_source_concept_id value_source_value measurement_event_id meas_event_field_concept_id",
        ["observation"] = "observation_id person_id observation_concept_id observation_date observation_datetime observation_type_concept_id value_as_number value_as_string value_as_concept_id qualifier_concept_id unit_concept_id provider_id visit_occurrence_id visit_detail_id observation_source_value observation_source_concept_id unit_source_value qualifier_source_value value_source_value observation_event_id obs_event_field_concept_id",
        ["death"] = "person_id death_date death_datetime death_type_concept_id cause_concept_id cause_source_value cause_source_concept_id",
        ["note"] = "note_id person_id note_date note_datetime note_type_concept_id note_class_concept_id note_title note_text encoding_concept_id language_concept_id provider_id visit_occurrence_id visit_detail_id note_source_value note_event_id note_event_field_concept_id",
        ["concept"] = "concept_id concept_name domain_id vocabulary_id concept_class_id standard_concept concept_code valid_start_date valid_end_date invalid_reason",
    };

    [GeneratedRegex(@"^\| `([A-Z_]+)` \| (.+) \|$")]
    private static partial Regex MimicRow();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();

    /// <summary>The MIMIC tables and columns docs/data-formats.md says the synthetic hospital writes.</summary>
    private static Dictionary<string, string[]> DocumentedMimicColumns()
    {
        string? folder = AppContext.BaseDirectory;
        while (folder is not null && !File.Exists(Path.Combine(folder, "docs", "data-formats.md")))
        {
            folder = Path.GetDirectoryName(folder);
        }

        Assert.NotNull(folder);
        var tables = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(folder, "docs", "data-formats.md")))
        {
            var match = MimicRow().Match(line.Trim());
            if (match.Success)
            {
                // Written columns are the backticked names outside parentheses (those list what ingest also accepts).
                string written = Parenthesised().Replace(match.Groups[2].Value, string.Empty);
                tables[match.Groups[1].Value] = Backticked().Matches(written).SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries)).ToArray();
            }
        }

        return tables;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Mimic_tables_have_the_documented_columns_and_every_row_fits_its_header(bool compress)
    {
        using var temp = new TempFolder();
        using (var writer = new MimicCsvWriter(temp.Path, compress))
        {
            SyntheticHospital.Generate(new SyntheticHospitalOptions { Patients = 40, Seed = 3 }, writer);
        }

        var documented = DocumentedMimicColumns();
        Assert.Equal(11, documented.Count);
        foreach (var (table, columns) in documented)
        {
            string path = temp.Sub(table + ".csv" + (compress ? ".gz" : string.Empty));
            Assert.True(File.Exists(path), $"{table} was not written");
            var (header, _) = Csv.Read(path);
            Assert.Equal(columns, header);
            Assert.NotEmpty(Csv.Records(path));
        }
    }

    [Fact]
    public void Omop_tables_have_the_cdm_54_columns_and_concepts_resolve()
    {
        using var temp = new TempFolder();
        using (var writer = new OmopCsvWriter(temp.Path))
        {
            SyntheticHospital.Generate(new SyntheticHospitalOptions { Patients = 40, Seed = 3 }, writer);
        }

        foreach (var (table, columns) in OmopDdl)
        {
            var (header, _) = Csv.Read(temp.Sub(table + ".csv"));
            Assert.Equal(columns.Split(' '), header);
        }

        var concepts = Csv.Records(temp.Sub("concept.csv")).ToDictionary(r => r["concept_id"]);
        foreach (var (table, column, sourceValue) in new[] { ("condition_occurrence", "condition_concept_id", "condition_source_value"), ("procedure_occurrence", "procedure_concept_id", "procedure_source_value"), ("measurement", "measurement_concept_id", "measurement_source_value"), ("drug_exposure", "drug_source_concept_id", "drug_source_value") })
        {
            var rows = Csv.Records(temp.Sub(table + ".csv"));
            Assert.NotEmpty(rows);
            foreach (var row in rows)
            {
                var concept = concepts[row[column]];
                Assert.Equal(row[sourceValue], concept["concept_code"]);
                Assert.True(long.Parse(row[column], System.Globalization.CultureInfo.InvariantCulture) >= OmopCsvWriter.FirstLocalConceptId);
            }
        }

        var vocabularies = Csv.Records(temp.Sub("condition_occurrence.csv")).Select(r => concepts[r["condition_concept_id"]]["vocabulary_id"]).Distinct();
        Assert.Equal(["ICD10CM"], vocabularies);
        Assert.Contains(Csv.Records(temp.Sub("drug_exposure.csv")), r => concepts[r["drug_concept_id"]]["vocabulary_id"] == "RxNorm");
    }
}
