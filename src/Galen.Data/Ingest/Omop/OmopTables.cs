using Galen.Core.Clinical;
using Galen.Data.Ingest.Csv;
using Galen.Data.Store;

namespace Galen.Data.Ingest.Omop;

/// <summary>
/// Reads each OMOP CDM v5.4 table into the store. Keys are the CDM's own ids (person_id,
/// visit_occurrence_id, visit_detail_id); codes resolve through concept.csv (see
/// <see cref="OmopConcepts"/>); <c>*_datetime</c> is used when given, else <c>*_date</c>.
/// </summary>
internal static class OmopTables
{
    private const long NoTime = CsvRecordChecks.NoTime;

    /// <summary>OMOP's "Patient died" concept, in <c>discharged_to_concept_id</c>.</summary>
    private const long PatientDied = 4216643;

    public static void Ingest(IngestSession session, FileContext context, OmopConcepts concepts, string table)
    {
        switch (table)
        {
            case "CONCEPT": Concepts(session, context); break;
            case "PERSON": Persons(session, context, concepts); break;
            case "DEATH": Deaths(session, context); break;
            case "VISIT_OCCURRENCE": Visits(session, context, concepts); break;
            case "VISIT_DETAIL": Details(session, context, concepts); break;
            case "CONDITION_OCCURRENCE": Events(session, context, concepts, "condition_occurrence", "condition"); break;
            case "PROCEDURE_OCCURRENCE": Events(session, context, concepts, "procedure_occurrence", "procedure"); break;
            case "DRUG_EXPOSURE": Drugs(session, context, concepts); break;
            case "MEASUREMENT": Measurements(session, context, concepts, "measurement"); break;
            case "OBSERVATION": Measurements(session, context, concepts, "observation"); break;
            case "NOTE": Notes(session, context, concepts); break;
            default: throw new ArgumentOutOfRangeException(nameof(table), table, "not an OMOP table");
        }
    }

    private static void Concepts(IngestSession session, FileContext context)
    {
        var csv = new CsvTable(context, "omop_concept");
        var h = csv.Header;
        int id = h.Require("concept_id"), vocabulary = h.Require("vocabulary_id"), code = h.Require("concept_code"), name = h.Find("concept_name");
        var check = new CsvRecordChecks(session, context, csv, "omop_concept");
        var writer = session.Writer("omop_concept");
        while (csv.Next())
        {
            if (!check.Integer(id, "concept_id", out long conceptId) || !check.RequiredText(vocabulary, "vocabulary_id", out _) || !check.RequiredText(code, "concept_code", out _))
            {
                continue;
            }

            writer.Int64(conceptId).Text(Utf8Values.Trim(csv[vocabulary])).Text(Utf8Values.Trim(csv[code])).Text(csv[name]).EndRow();
            context.Accept();
        }

        session.Execute("CREATE INDEX IF NOT EXISTS omop_concept_by_id ON omop_concept (concept_id)");
    }

    private static void Persons(IngestSession session, FileContext context, OmopConcepts concepts)
    {
        var csv = new CsvTable(context, "person");
        var h = csv.Header;
        int id = h.Require("person_id"), gender = h.Find("gender_concept_id"), genderSource = h.Find("gender_source_value");
        int year = h.Find("year_of_birth"), month = h.Find("month_of_birth"), day = h.Find("day_of_birth"), birth = h.Find("birth_datetime");
        int race = h.Find("race_source_value"), raceConcept = h.Find("race_concept_id"), ethnicity = h.Find("ethnicity_source_value"), ethnicityConcept = h.Find("ethnicity_concept_id");
        if (birth < 0)
        {
            h.Require("birth_datetime", "year_of_birth");
        }

        var check = new CsvRecordChecks(session, context, csv, "person");
        var persons = session.Writer("person");
        while (csv.Next())
        {
            if (!check.Integer(id, "person_id", out _) || !check.NewKey(id, "person_id", session.Persons, "person", out string key))
            {
                continue;
            }

            long born;
            if (birth >= 0 && !Utf8Values.Trim(csv[birth]).IsEmpty)
            {
                if (!check.Time(birth, "birth_datetime", required: true, out born))
                {
                    continue;
                }
            }
            else
            {
                if (!check.Integer(year, "year_of_birth", out long y))
                {
                    continue;
                }

                int m = Utf8Values.TryParseInt64(csv[month], out long mm) && mm is >= 1 and <= 12 ? (int)mm : 1;
                int d = Utf8Values.TryParseInt64(csv[day], out long dd) && dd >= 1 && y is >= 1 and <= 9999 && dd <= DateTime.DaysInMonth((int)y, m) ? (int)dd : 1;
                if (y is < 1 or > 9999)
                {
                    context.Reject("person", "year_of_birth", QuarantineReason.InvalidValue, "year_of_birth is not a year");
                    continue;
                }

                born = new DateTime((int)y, m, d).Ticks;
                if (!check.NotInFuture(born, "year_of_birth"))
                {
                    continue;
                }
            }

            long personIdStore = session.Ids("person").Next();
            persons.Int64(personIdStore).Text(key).Text(Sex(csv, gender, genderSource)).Ticks(born)
                .Text(IngestSession.Text(csv[race]) ?? ConceptName(csv, raceConcept, concepts))
                .Text(IngestSession.Text(csv[ethnicity]) ?? ConceptName(csv, ethnicityConcept, concepts)).Int32(context.FileId).EndRow();
            session.Persons.Add(key, new PersonEntry(personIdStore, born));
            context.Accept();
        }
    }

    private static void Deaths(IngestSession session, FileContext context)
    {
        var csv = new CsvTable(context, "death");
        var h = csv.Header;
        int person = h.Require("person_id"), datetime = h.Find("death_datetime"), date = h.Find("death_date");
        var check = new CsvRecordChecks(session, context, csv, "death");
        var deaths = session.Writer("death");
        while (csv.Next())
        {
            if (!check.Person(person, "person_id", out var entry) || !Time(check, csv, datetime, date, "death_date", required: true, out long died))
            {
                continue;
            }

            if (entry.BirthTicks != long.MinValue && died < entry.BirthTicks)
            {
                context.Reject("death", "death_date", QuarantineReason.DeathBeforeBirth, "death_date is before the person's birth");
                continue;
            }

            deaths.Int64(entry.Id).Ticks(died).Text("death").Int32(context.FileId).EndRow();
            context.Accept();
        }
    }

    private static void Visits(IngestSession session, FileContext context, OmopConcepts concepts)
    {
        var csv = new CsvTable(context, "visit_occurrence");
        var h = csv.Header;
        int id = h.Require("visit_occurrence_id"), person = h.Require("person_id"), concept = h.Find("visit_concept_id");
        int startDate = h.Find("visit_start_date"), startTime = h.Find("visit_start_datetime"), endDate = h.Find("visit_end_date"), endTime = h.Find("visit_end_datetime");
        int from = h.Find("admitted_from_source_value"), to = h.Find("discharged_to_source_value", "discharge_to_source_value");
        int toConcept = h.Find("discharged_to_concept_id", "discharge_to_concept_id"), source = h.Find("visit_source_value");
        var check = new CsvRecordChecks(session, context, csv, "visit_occurrence");
        var visits = session.Writer("visit_occurrence");
        while (csv.Next())
        {
            if (!check.Person(person, "person_id", out var entry) || !check.Integer(id, "visit_occurrence_id", out _)
                || !check.NewKey(id, "visit_occurrence_id", session.Visits, "visit", out string key))
            {
                continue;
            }

            if (!Time(check, csv, startTime, startDate, "visit_start_date", required: true, out long start)
                || !Time(check, csv, endTime, endDate, "visit_end_date", required: true, out long end)
                || !check.EndNotBeforeStart(start, end, "visit_start_date", "visit_end_date")
                || !check.NotBeforeBirth(start, entry, "visit_start_date"))
            {
                continue;
            }

            long conceptId = Utf8Values.TryParseInt64(csv[concept], out long c) ? c : 0;
            bool died = Utf8Values.TryParseInt64(csv[toConcept], out long t) && t == PatientDied;
            long storeId = session.Ids("visit_occurrence").Next();
            visits.Int64(storeId).Int64(entry.Id).Text(key).Text(VisitClass(conceptId, concepts)).Ticks(start).Ticks(end)
                .Text(concepts.Code(conceptId)?.Display ?? IngestSession.Text(csv[source])).Text(csv[from]).Text(csv[to]).Bool(died).Int32(context.FileId).EndRow();
            session.Visits.Add(key, new VisitEntry(storeId, entry.Id, start, end));
            context.Accept();
        }

        // OMOP has no in-hospital death flag beyond discharged_to; a death dated within the visit's dates counts too.
        session.Execute(
            "UPDATE visit_occurrence SET died_in_hospital = true FROM death WHERE visit_occurrence.source_file_id = ? AND death.person_id = visit_occurrence.person_id " +
            "AND CAST(death.death_datetime AS DATE) BETWEEN CAST(visit_start_datetime AS DATE) AND CAST(visit_end_datetime AS DATE)", context.FileId);
    }

    private static void Details(IngestSession session, FileContext context, OmopConcepts concepts)
    {
        var csv = new CsvTable(context, "visit_detail");
        var h = csv.Header;
        int id = h.Require("visit_detail_id"), person = h.Require("person_id"), visit = h.Require("visit_occurrence_id"), concept = h.Find("visit_detail_concept_id");
        int startDate = h.Find("visit_detail_start_date"), startTime = h.Find("visit_detail_start_datetime"), endDate = h.Find("visit_detail_end_date"), endTime = h.Find("visit_detail_end_datetime");
        var check = new CsvRecordChecks(session, context, csv, "visit_detail");
        var details = session.Writer("visit_detail");
        while (csv.Next())
        {
            if (!check.Person(person, "person_id", out var entry) || !check.Visit(visit, "visit_occurrence_id", entry, required: true, out var parent)
                || !check.Integer(id, "visit_detail_id", out _) || !check.NewKey(id, "visit_detail_id", session.Stays, "visit detail", out string key))
            {
                continue;
            }

            if (!Time(check, csv, startTime, startDate, "visit_detail_start_date", required: true, out long start)
                || !Time(check, csv, endTime, endDate, "visit_detail_end_date", required: true, out long end)
                || !check.EndNotBeforeStart(start, end, "visit_detail_start_date", "visit_detail_end_date"))
            {
                continue;
            }

            long storeId = session.Ids("visit_detail").Next();
            details.Int64(storeId).Int64(entry.Id).Int64(parent!.Id).Text(key).Text(ConceptName(csv, concept, concepts)).Ticks(start).Ticks(end).Int32(context.FileId).EndRow();
            session.Stays.Add(key, new VisitEntry(storeId, entry.Id, start, end, parent.Id));
            context.Accept();
        }
    }

    /// <summary>condition_occurrence and procedure_occurrence share their shape.</summary>
    private static void Events(IngestSession session, FileContext context, OmopConcepts concepts, string table, string prefix)
    {
        var csv = new CsvTable(context, table);
        var h = csv.Header;
        int person = h.Require("person_id"), visit = h.Find("visit_occurrence_id");
        int concept = h.Find(prefix + "_concept_id"), sourceConcept = h.Find(prefix + "_source_concept_id"), sourceValue = h.Find(prefix + "_source_value");
        bool condition = prefix == "condition";
        int date = h.Find(condition ? "condition_start_date" : "procedure_date"), datetime = h.Find(condition ? "condition_start_datetime" : "procedure_datetime");
        string timeField = condition ? "condition_start_date" : "procedure_date";
        if (concept < 0 && sourceValue < 0)
        {
            h.Require(prefix + "_concept_id", prefix + "_source_value");
        }

        var check = new CsvRecordChecks(session, context, csv, table);
        var writer = session.Writer(table);
        var ids = session.Ids(table);
        while (csv.Next())
        {
            if (!check.Person(person, "person_id", out var entry) || !check.Visit(visit, "visit_occurrence_id", entry, required: false, out var parent)
                || !Time(check, csv, datetime, date, timeField, required: true, out long when) || !check.NotBeforeBirth(when, entry, timeField)
                || !Code(context, csv, concepts, table, concept, sourceConcept, sourceValue, prefix, out int conceptId))
            {
                continue;
            }

            writer.Int64(ids.Next()).Int64(entry.Id).Int64(parent?.Id).Int32(conceptId).Ticks(when);
            if (condition)
            {
                writer.Null();
            }

            writer.Int32(context.FileId).EndRow();
            context.Accept();
        }
    }

    private static void Drugs(IngestSession session, FileContext context, OmopConcepts concepts)
    {
        var csv = new CsvTable(context, "drug_exposure");
        var h = csv.Header;
        int person = h.Require("person_id"), visit = h.Find("visit_occurrence_id");
        int concept = h.Find("drug_concept_id"), sourceConcept = h.Find("drug_source_concept_id"), sourceValue = h.Find("drug_source_value");
        int startDate = h.Find("drug_exposure_start_date"), startTime = h.Find("drug_exposure_start_datetime"), endDate = h.Find("drug_exposure_end_date"), endTime = h.Find("drug_exposure_end_datetime");
        int route = h.Find("route_source_value"), doseUnit = h.Find("dose_unit_source_value"), quantity = h.Find("quantity");
        var check = new CsvRecordChecks(session, context, csv, "drug_exposure");
        var writer = session.Writer("drug_exposure");
        var ids = session.Ids("drug_exposure");
        while (csv.Next())
        {
            if (!check.Person(person, "person_id", out var entry) || !check.Visit(visit, "visit_occurrence_id", entry, required: false, out var parent)
                || !Time(check, csv, startTime, startDate, "drug_exposure_start_date", required: true, out long start)
                || !Time(check, csv, endTime, endDate, "drug_exposure_end_date", required: false, out long end)
                || !check.EndNotBeforeStart(start, end, "drug_exposure_start_date", "drug_exposure_end_date") || !check.NotBeforeBirth(start, entry, "drug_exposure_start_date")
                || !check.Number(quantity, "quantity", out double? dose)
                || !Code(context, csv, concepts, "drug_exposure", concept, sourceConcept, sourceValue, "drug", out int conceptId))
            {
                continue;
            }

            int? atc = IsAtc(session, conceptId) ? conceptId : null;
            writer.Int64(ids.Next()).Int64(entry.Id).Int64(parent?.Id).Int32(conceptId).Int32(atc).Ticks(start).TicksOrNull(end)
                .Text(csv[sourceValue]).Double(dose).Null().Text(csv[doseUnit]).Text(csv[route]).Int32(context.FileId).EndRow();
            context.Accept();
        }
    }

    /// <summary>measurement and observation: a coded value with an optional number, text and unit.</summary>
    private static void Measurements(IngestSession session, FileContext context, OmopConcepts concepts, string table)
    {
        var csv = new CsvTable(context, table);
        var h = csv.Header;
        int person = h.Require("person_id"), visit = h.Find("visit_occurrence_id"), detail = h.Find("visit_detail_id");
        int concept = h.Find(table + "_concept_id"), sourceConcept = h.Find(table + "_source_concept_id"), sourceValue = h.Find(table + "_source_value");
        int date = h.Find(table + "_date"), datetime = h.Find(table + "_datetime");
        int number = h.Find("value_as_number"), text = h.Find(table == "measurement" ? "value_source_value" : "value_as_string");
        int unitConcept = h.Find("unit_concept_id"), unitSource = h.Find("unit_source_value");
        var check = new CsvRecordChecks(session, context, csv, table);
        var writer = session.Writer(table);
        var ids = session.Ids(table);
        bool measurement = table == "measurement";
        while (csv.Next())
        {
            VisitEntry? stay = null;
            if (!check.Person(person, "person_id", out var entry) || !check.Visit(visit, "visit_occurrence_id", entry, required: false, out var parent)
                || (measurement && !check.Stay(detail, "visit_detail_id", entry, required: false, out stay))
                || !Time(check, csv, datetime, date, table + "_date", required: true, out long when) || !check.NotBeforeBirth(when, entry, table + "_date")
                || !check.Number(number, "value_as_number", out double? value)
                || !Code(context, csv, concepts, table, concept, sourceConcept, sourceValue, table, out int conceptId))
            {
                continue;
            }

            int? unit = Unit(session, concepts, csv, unitConcept, unitSource);
            var valueText = Utf8Values.Trim(csv[text]);
            writer.Int64(ids.Next()).Int64(entry.Id).Int64(parent?.Id);
            if (measurement)
            {
                var category = VitalSignCodes.IsVitalSign(CodeOf(session, conceptId)) ? MeasurementCategory.VitalSign : MeasurementCategory.Laboratory;
                writer.Int64(stay?.Id).Int32(conceptId).Ticks(when).Double(value).Text(valueText).Int32(unit).Null().Int8((sbyte)category);
            }
            else
            {
                writer.Int32(conceptId).Ticks(when).Double(value).Text(valueText).Int32(unit);
            }

            writer.Int32(context.FileId).EndRow();
            context.Accept();
        }
    }

    private static void Notes(IngestSession session, FileContext context, OmopConcepts concepts)
    {
        var csv = new CsvTable(context, "note");
        var h = csv.Header;
        int person = h.Require("person_id"), visit = h.Find("visit_occurrence_id"), date = h.Find("note_date"), datetime = h.Find("note_datetime");
        int title = h.Find("note_title"), text = h.Require("note_text"), klass = h.Find("note_class_concept_id"), source = h.Find("note_source_value"), id = h.Find("note_id");
        var check = new CsvRecordChecks(session, context, csv, "note");
        var writer = session.Writer("note");
        var ids = session.Ids("note");
        while (csv.Next())
        {
            if (!check.Person(person, "person_id", out var entry) || !check.Visit(visit, "visit_occurrence_id", entry, required: false, out var parent)
                || !Time(check, csv, datetime, date, "note_date", required: true, out long when) || !check.NotBeforeBirth(when, entry, "note_date"))
            {
                continue;
            }

            if (Utf8Values.Trim(csv[text]).IsEmpty)
            {
                context.Reject("note", "note_text", QuarantineReason.MissingRequiredField, "note_text is empty");
                continue;
            }

            writer.Int64(ids.Next()).Int64(entry.Id).Int64(parent?.Id).Ticks(when).Text(ConceptName(csv, klass, concepts)).Text(csv[title]).Text(csv[text])
                .Text(IngestSession.Text(csv[source]) ?? IngestSession.Text(csv[id])).Int32(context.FileId).EndRow();
            context.Accept();
        }
    }

    /// <summary>*_datetime when given, else *_date; reports problems under <paramref name="field"/>.</summary>
    private static bool Time(CsvRecordChecks check, CsvTable csv, int datetime, int date, string field, bool required, out long ticks)
    {
        if (datetime >= 0 && !Utf8Values.Trim(csv[datetime]).IsEmpty)
        {
            return check.Time(datetime, field.Replace("_date", "_datetime", StringComparison.Ordinal), required, out ticks);
        }

        if (date < 0)
        {
            ticks = NoTime;
            return !required || check.Time(date, field, required, out ticks);
        }

        return check.Time(date, field, required, out ticks);
    }

    private static bool Code(FileContext context, CsvTable csv, OmopConcepts concepts, string table, int concept, int sourceConcept, int sourceValue, string prefix, out int conceptId)
    {
        long standard = Utf8Values.TryParseInt64(csv[concept], out long s) ? s : 0;
        long source = Utf8Values.TryParseInt64(csv[sourceConcept], out long src) ? src : 0;
        if (concepts.Resolve(source, standard, IngestSession.Text(csv[sourceValue])) is { } resolved)
        {
            conceptId = resolved.Concept;
            return true;
        }

        conceptId = 0;
        return context.Reject(table, prefix + "_concept_id", QuarantineReason.MissingRequiredField, $"{prefix}_concept_id is 0 or unknown and {prefix}_source_value is empty");
    }

    private static int? Unit(IngestSession session, OmopConcepts concepts, CsvTable csv, int unitConcept, int unitSource)
    {
        if (Utf8Values.TryParseInt64(csv[unitConcept], out long id) && concepts.Code(id) is { } code)
        {
            return session.Concepts.IdOf(LocalVocabularies.Unit, code.Code);
        }

        return IngestSession.Text(csv[unitSource]) is { } text ? session.Concepts.IdOf(LocalVocabularies.Unit, text) : null;
    }

    private static string? ConceptName(CsvTable csv, int column, OmopConcepts concepts) =>
        Utf8Values.TryParseInt64(csv[column], out long id) ? concepts.Code(id)?.Display : null;

    /// <summary>OMOP standard visit concepts: 9201 inpatient, 262 ER and inpatient, 8717 inpatient hospital, 32037 intensive care; 9203 ER; 9202 outpatient.</summary>
    private static string VisitClass(long conceptId, OmopConcepts concepts) => conceptId switch
    {
        9201 or 262 or 8717 or 32037 => "inpatient",
        9203 => "emergency",
        9202 or 581477 => "outpatient",
        _ => concepts.Code(conceptId)?.Display?.Contains("inpatient", StringComparison.OrdinalIgnoreCase) == true ? "inpatient" : "other",
    };

    private static string Sex(CsvTable csv, int concept, int source)
    {
        if (Utf8Values.TryParseInt64(csv[concept], out long id) && id is 8507 or 8532)
        {
            return id == 8507 ? "M" : "F";
        }

        var text = IngestSession.Text(csv[source]);
        return text is null ? "U" : char.ToUpperInvariant(text[0]) switch { 'M' => "M", 'F' => "F", _ => "U" };
    }

    private static bool IsAtc(IngestSession session, int conceptId) => CodeOf(session, conceptId).System == CodeSystems.Atc;

    private static ClinicalCode CodeOf(IngestSession session, int conceptId) => session.Concepts.CodeOf(conceptId);
}
