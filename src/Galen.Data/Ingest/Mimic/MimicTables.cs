using System.Globalization;
using System.Runtime.CompilerServices;
using Galen.Core.Clinical;
using Galen.Data.Ingest.Csv;
using Galen.Data.Store;

namespace Galen.Data.Ingest.Mimic;

/// <summary>
/// Reads each MIMIC table into the store's OMOP-shaped tables, with the checks listed in
/// docs/data-layer.md. Column names are matched case-insensitively and MIMIC-III / MIMIC-IV
/// variants are both accepted (SUBJECT_ID / subject_id, ICD9_CODE / icd_code + icd_version, …).
/// </summary>
internal static class MimicTables
{
    private const long NoTime = CsvRecordChecks.NoTime;

    public static void Ingest(IngestSession session, FileContext context, string table)
    {
        switch (table)
        {
            case "PATIENTS": Patients(session, context); break;
            case "ADMISSIONS": Admissions(session, context); break;
            case "ICUSTAYS": IcuStays(session, context); break;
            case "D_LABITEMS": ItemDictionary(session, context, LocalVocabularies.MimicLabItem); break;
            case "D_ITEMS": ItemDictionary(session, context, LocalVocabularies.MimicChartItem); break;
            case "DIAGNOSES_ICD": Diagnoses(session, context); break;
            case "PROCEDURES_ICD": Procedures(session, context); break;
            case "PRESCRIPTIONS": Prescriptions(session, context); break;
            case "LABEVENTS": Events(session, context, MeasurementCategory.Laboratory); break;
            case "CHARTEVENTS": Events(session, context, MeasurementCategory.VitalSign); break;
            case "NOTEEVENTS": Notes(session, context); break;
            default: throw new ArgumentOutOfRangeException(nameof(table), table, "not a MIMIC table");
        }
    }

    private static void Patients(IngestSession session, FileContext context)
    {
        var csv = new CsvTable(context, "person");
        var header = csv.Header;
        int subject = header.Require("SUBJECT_ID");
        int gender = header.Find("GENDER");
        int dob = header.Find("DOB");
        int dod = header.Find("DOD");
        int anchorAge = dob < 0 ? header.Require("DOB", "ANCHOR_AGE") : -1;
        int anchorYear = dob < 0 ? header.Require("ANCHOR_YEAR") : -1;
        var check = new CsvRecordChecks(session, context, csv, "person");
        var persons = session.Writer("person");
        var deaths = session.Writer("death");
        while (csv.Next())
        {
            if (!check.NewKey(subject, "SUBJECT_ID", session.Persons, "patient", out string key))
            {
                continue;
            }

            long birth;
            if (dob >= 0)
            {
                if (!check.Time(dob, "DOB", required: true, out birth))
                {
                    continue;
                }
            }
            else
            {
                if (!check.Integer(anchorAge, "anchor_age", out long age) || !check.Integer(anchorYear, "anchor_year", out long year))
                {
                    continue;
                }

                if (age < 0 || age > 150 || year - age < 1)
                {
                    context.Reject("person", "anchor_age", QuarantineReason.InvalidValue, "anchor_age is outside 0–150");
                    continue;
                }

                birth = new DateTime((int)(year - age), 1, 1).Ticks;
            }

            if (!check.Time(dod, "DOD", required: false, out long death))
            {
                continue;
            }

            if (death != NoTime && death < birth)
            {
                context.Reject("person", "DOD", QuarantineReason.DeathBeforeBirth, "DOD is before DOB");
                continue;
            }

            long id = session.Ids("person").Next();
            persons.Int64(id).Text(key).Text(Sex(csv[gender])).Ticks(birth).Null().Null().Int32(context.FileId).EndRow();
            if (death != NoTime)
            {
                deaths.Int64(id).Ticks(death).Text("PATIENTS.DOD").Int32(context.FileId).EndRow();
            }

            session.Persons.Add(key, new PersonEntry(id, birth));
            context.Accept();
        }
    }

    private static void Admissions(IngestSession session, FileContext context)
    {
        var csv = new CsvTable(context, "visit_occurrence");
        var header = csv.Header;
        int subject = header.Require("SUBJECT_ID");
        int hadm = header.Require("HADM_ID");
        int admit = header.Require("ADMITTIME");
        int discharge = header.Require("DISCHTIME");
        int deathTime = header.Find("DEATHTIME");
        int type = header.Find("ADMISSION_TYPE");
        int from = header.Find("ADMISSION_LOCATION");
        int to = header.Find("DISCHARGE_LOCATION");
        int race = header.Find("ETHNICITY", "RACE");
        int expired = header.Find("HOSPITAL_EXPIRE_FLAG");
        var check = new CsvRecordChecks(session, context, csv, "visit_occurrence");
        var visits = session.Writer("visit_occurrence");
        var deaths = session.Writer("death");
        var races = new Dictionary<long, string>();
        while (csv.Next())
        {
            if (!check.Person(subject, "SUBJECT_ID", out var person) || !check.NewKey(hadm, "HADM_ID", session.Visits, "admission", out string key))
            {
                continue;
            }

            if (!check.Time(admit, "ADMITTIME", required: true, out long start)
                || !check.Time(discharge, "DISCHTIME", required: true, out long end)
                || !check.Time(deathTime, "DEATHTIME", required: false, out long died)
                || !check.EndNotBeforeStart(start, end, "ADMITTIME", "DISCHTIME")
                || !check.EndNotBeforeStart(start, died, "ADMITTIME", "DEATHTIME")
                || !check.NotBeforeBirth(start, person, "ADMITTIME"))
            {
                continue;
            }

            bool expiredFlag = Utf8Values.TryParseInt64(csv[expired], out long flag) && flag == 1;
            long id = session.Ids("visit_occurrence").Next();
            visits.Int64(id).Int64(person.Id).Text(key).Text("inpatient").Ticks(start).Ticks(end)
                .Text(csv[type]).Text(csv[from]).Text(csv[to]).Bool(expiredFlag || died != NoTime).Int32(context.FileId).EndRow();
            if (died != NoTime)
            {
                deaths.Int64(person.Id).Ticks(died).Text("ADMISSIONS.DEATHTIME").Int32(context.FileId).EndRow();
            }

            if (!races.ContainsKey(person.Id) && IngestSession.Text(csv[race]) is { } text)
            {
                races[person.Id] = text;
            }

            session.Visits.Add(key, new VisitEntry(id, person.Id, start, end));
            context.Accept();
        }

        // MIMIC records race / ethnicity per admission; the person keeps the first one given.
        if (races.Count > 0)
        {
            session.Execute("CREATE OR REPLACE TABLE staging_person_race (person_id BIGINT, race VARCHAR)");
            var staging = session.Writer("staging_person_race");
            foreach (var (personId, text) in races)
            {
                staging.Int64(personId).Text(text).EndRow();
            }

            session.Execute("UPDATE person SET race_source_value = s.race FROM staging_person_race s WHERE person.person_id = s.person_id AND person.race_source_value IS NULL");
            session.Execute("DROP TABLE staging_person_race");
        }
    }

    private static void IcuStays(IngestSession session, FileContext context)
    {
        var csv = new CsvTable(context, "visit_detail");
        var header = csv.Header;
        int subject = header.Require("SUBJECT_ID");
        int hadm = header.Require("HADM_ID");
        int stay = header.Require("ICUSTAY_ID", "STAY_ID");
        int unit = header.Find("FIRST_CAREUNIT");
        int inTime = header.Require("INTIME");
        int outTime = header.Require("OUTTIME");
        var check = new CsvRecordChecks(session, context, csv, "visit_detail");
        var stays = session.Writer("visit_detail");
        while (csv.Next())
        {
            if (!check.Person(subject, "SUBJECT_ID", out var person) || !check.Visit(hadm, "HADM_ID", person, required: true, out var visit)
                || !check.NewKey(stay, "ICUSTAY_ID", session.Stays, "stay", out string key))
            {
                continue;
            }

            if (!check.Time(inTime, "INTIME", required: true, out long start)
                || !check.Time(outTime, "OUTTIME", required: true, out long end)
                || !check.EndNotBeforeStart(start, end, "INTIME", "OUTTIME")
                || !check.NotBeforeBirth(start, person, "INTIME"))
            {
                continue;
            }

            long id = session.Ids("visit_detail").Next();
            stays.Int64(id).Int64(person.Id).Int64(visit!.Id).Text(key).Text(csv[unit]).Ticks(start).Ticks(end).Int32(context.FileId).EndRow();
            session.Stays.Add(key, new VisitEntry(id, person.Id, start, end, visit.Id));
            context.Accept();
        }
    }

    private static void ItemDictionary(IngestSession session, FileContext context, string vocabulary)
    {
        var csv = new CsvTable(context, "concept");
        var header = csv.Header;
        int item = header.Require("ITEMID");
        int label = header.Find("LABEL");
        int loinc = header.Find("LOINC_CODE");
        var check = new CsvRecordChecks(session, context, csv, "concept");
        var map = session.Writer("item_map");
        while (csv.Next())
        {
            if (!check.Integer(item, "ITEMID", out long itemId))
            {
                continue;
            }

            string itemText = itemId.ToString(CultureInfo.InvariantCulture);
            string? name = IngestSession.Text(csv[label]);
            string? loincCode = IngestSession.Text(csv[loinc]);
            int concept = loincCode is not null
                ? session.Concepts.IdOf(CodeSystems.Loinc, loincCode, name)
                : session.Concepts.IdOf(vocabulary, itemText, name);
            session.Items[(vocabulary, itemId)] = concept;
            map.Text(vocabulary).Text(itemText).Int32(concept).EndRow();
            context.Accept();
        }
    }

    private static void Diagnoses(IngestSession session, FileContext context)
    {
        var csv = new CsvTable(context, "condition_occurrence");
        var header = csv.Header;
        int subject = header.Require("SUBJECT_ID");
        int hadm = header.Require("HADM_ID");
        int sequence = header.Find("SEQ_NUM");
        int code = header.Require("ICD_CODE", "ICD9_CODE");
        int version = header.Find("ICD_VERSION");
        string codeField = header.Names[code];
        var check = new CsvRecordChecks(session, context, csv, "condition_occurrence");
        var conditions = session.Writer("condition_occurrence");
        while (csv.Next())
        {
            if (!check.Person(subject, "SUBJECT_ID", out var person)
                || !check.Visit(hadm, "HADM_ID", person, required: true, out var visit)
                || !IcdConcept(session, context, csv, code, codeField, version, CodeSystems.Icd9Cm, CodeSystems.Icd10Cm, "condition_occurrence", out int concept))
            {
                continue;
            }

            int? seq = Utf8Values.TryParseInt64(csv[sequence], out long s) ? (int)s : null;
            // MIMIC gives no time for a diagnosis: it is coded at discharge (condition_start_datetime NULL).
            conditions.Int64(session.Ids("condition_occurrence").Next()).Int64(person.Id).Int64(visit!.Id).Int32(concept).Null().Int32(seq).Int32(context.FileId).EndRow();
            context.Accept();
        }
    }

    private static void Procedures(IngestSession session, FileContext context)
    {
        var csv = new CsvTable(context, "procedure_occurrence");
        var header = csv.Header;
        int subject = header.Require("SUBJECT_ID");
        int hadm = header.Require("HADM_ID");
        int date = header.Find("CHARTDATE");
        int code = header.Require("ICD_CODE", "ICD9_CODE");
        int version = header.Find("ICD_VERSION");
        string codeField = header.Names[code];
        var check = new CsvRecordChecks(session, context, csv, "procedure_occurrence");
        var procedures = session.Writer("procedure_occurrence");
        while (csv.Next())
        {
            if (!check.Person(subject, "SUBJECT_ID", out var person)
                || !check.Visit(hadm, "HADM_ID", person, required: true, out var visit)
                || !check.Time(date, "CHARTDATE", required: false, out long when)
                || (when != NoTime && !check.NotBeforeBirth(when, person, "CHARTDATE"))
                || !IcdConcept(session, context, csv, code, codeField, version, LocalVocabularies.Icd9Proc, CodeSystems.Icd10Pcs, "procedure_occurrence", out int concept))
            {
                continue;
            }

            procedures.Int64(session.Ids("procedure_occurrence").Next()).Int64(person.Id).Int64(visit!.Id).Int32(concept).TicksOrNull(when).Int32(context.FileId).EndRow();
            context.Accept();
        }
    }

    private static void Prescriptions(IngestSession session, FileContext context)
    {
        var csv = new CsvTable(context, "drug_exposure");
        var header = csv.Header;
        int subject = header.Require("SUBJECT_ID");
        int hadm = header.Find("HADM_ID");
        int start = header.Require("STARTDATE", "STARTTIME");
        int stop = header.Find("ENDDATE", "STOPTIME");
        int drug = header.Find("DRUG");
        int ndc = header.Find("NDC");
        int atc = header.Find("ATC");
        int dose = header.Find("DOSE_VAL_RX");
        int doseUnit = header.Find("DOSE_UNIT_RX");
        int route = header.Find("ROUTE");
        string startField = header.Names[start];
        string stopField = stop < 0 ? "ENDDATE" : header.Names[stop];
        var check = new CsvRecordChecks(session, context, csv, "drug_exposure");
        var drugs = session.Writer("drug_exposure");
        while (csv.Next())
        {
            if (!check.Person(subject, "SUBJECT_ID", out var person)
                || !check.Visit(hadm, "HADM_ID", person, required: false, out var visit)
                || !check.Time(start, startField, required: true, out long begin)
                || !check.Time(stop, stopField, required: false, out long end)
                || !check.EndNotBeforeStart(begin, end, startField, stopField)
                || !check.NotBeforeBirth(begin, person, startField))
            {
                continue;
            }

            string? name = IngestSession.Text(csv[drug]);
            string? ndcCode = IngestSession.Text(csv[ndc]);
            if (ndcCode is "0" or "0.0")
            {
                ndcCode = null; // MIMIC writes 0 for "no NDC"
            }

            string? atcCode = IngestSession.Text(csv[atc])?.ToUpperInvariant();
            if (atcCode is not null && !AtcCodes.IsValid(atcCode))
            {
                context.Reject("drug_exposure", "ATC", QuarantineReason.InvalidValue, $"ATC is not an ATC code (1, 3, 4, 5 or 7 characters like A10BA02); it holds {ValueShape.Describe(atcCode)}");
                continue;
            }

            if (name is null && ndcCode is null && atcCode is null)
            {
                context.Reject("drug_exposure", "DRUG", QuarantineReason.MissingRequiredField, "DRUG, NDC and ATC are all empty");
                continue;
            }

            int? atcConcept = atcCode is null ? null : session.Concepts.IdOf(CodeSystems.Atc, atcCode, name);
            int concept = ndcCode is not null ? session.Concepts.IdOf(CodeSystems.Ndc, ndcCode, name)
                : atcConcept ?? session.Concepts.IdOf(LocalVocabularies.DrugName, name!.ToLowerInvariant(), name);
            var doseText = Utf8Values.Trim(csv[dose]);
            bool numericDose = Utf8Values.TryParseDouble(doseText, out double doseValue);
            drugs.Int64(session.Ids("drug_exposure").Next()).Int64(person.Id).Int64(visit?.Id).Int32(concept).Int32(atcConcept)
                .Ticks(begin).TicksOrNull(end).Text(name)
                .Double(numericDose ? doseValue : null).Text(numericDose ? [] : doseText)
                .Text(csv[doseUnit]).Text(csv[route]).Int32(context.FileId).EndRow();
            context.Accept();
        }
    }

    /// <summary>LABEVENTS and CHARTEVENTS: the hot path of a MIMIC ingest (hundreds of millions of rows in real extracts).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Events(IngestSession session, FileContext context, MeasurementCategory category)
    {
        var csv = new CsvTable(context, "measurement");
        var header = csv.Header;
        int subject = header.Require("SUBJECT_ID");
        int hadm = header.Find("HADM_ID");
        int stay = category == MeasurementCategory.VitalSign ? header.Find("ICUSTAY_ID", "STAY_ID") : -1;
        int item = header.Require("ITEMID");
        int time = header.Require("CHARTTIME");
        int value = header.Find("VALUE");
        int valueNum = header.Find("VALUENUM");
        int unit = header.Find("VALUEUOM");
        int flag = header.Find("FLAG");
        int error = header.Find("ERROR");
        if (value < 0 && valueNum < 0)
        {
            header.Require("VALUENUM", "VALUE");
        }

        string vocabulary = category == MeasurementCategory.Laboratory ? LocalVocabularies.MimicLabItem : LocalVocabularies.MimicChartItem;
        var units = new Utf8Concepts(session.Concepts, LocalVocabularies.Unit);
        var check = new CsvRecordChecks(session, context, csv, "measurement");
        var measurements = session.Writer("measurement");
        var itemConcepts = new Dictionary<long, int>();
        foreach (var ((source, itemId), concept) in session.Items)
        {
            if (source == vocabulary)
            {
                itemConcepts[itemId] = concept;
            }
        }

        sbyte categoryCode = (sbyte)category;
        var ids = session.Ids("measurement");
        while (csv.Next())
        {
            if (!check.Person(subject, "SUBJECT_ID", out var person)
                || !check.Visit(hadm, "HADM_ID", person, required: false, out var visit)
                || !check.Stay(stay, "ICUSTAY_ID", person, required: false, out var icuStay)
                || !check.Integer(item, "ITEMID", out long itemId)
                || !check.Time(time, "CHARTTIME", required: true, out long when)
                || !check.NotBeforeBirth(when, person, "CHARTTIME")
                || !check.Number(valueNum, "VALUENUM", out double? number)
                || !check.NotMarkedError(error, "ERROR"))
            {
                continue;
            }

            var text = Utf8Values.Trim(csv[value]);
            if (number is null && text.IsEmpty)
            {
                context.Reject("measurement", "VALUE", QuarantineReason.MissingRequiredField, "VALUE and VALUENUM are both empty (no result)");
                continue;
            }

            if (!itemConcepts.TryGetValue(itemId, out int concept))
            {
                concept = session.Concepts.IdOf(vocabulary, itemId.ToString(CultureInfo.InvariantCulture));
                itemConcepts[itemId] = concept;
            }

            // The text is kept only when it says more than the number ("NEG", ">100", "4.80").
            bool keepText = number is null || !text.SequenceEqual(Utf8Values.Trim(csv[valueNum]));
            long? visitId = visit?.Id ?? (icuStay is null ? null : icuStay.ParentVisitId);
            measurements.Int64(ids.Next()).Int64(person.Id).Int64(visitId).Int64(icuStay?.Id)
                .Int32(concept).Ticks(when).Double(number).Text(keepText ? text : [])
                .Int32(units.IdOf(csv[unit])).Bool(flag < 0 ? null : !Utf8Values.Trim(csv[flag]).IsEmpty)
                .Int8(categoryCode).Int32(context.FileId).EndRow();
            context.Accept();
        }
    }

    private static void Notes(IngestSession session, FileContext context)
    {
        var csv = new CsvTable(context, "note");
        var header = csv.Header;
        int subject = header.Require("SUBJECT_ID");
        int hadm = header.Find("HADM_ID");
        int date = header.Find("CHARTDATE");
        int time = header.Find("CHARTTIME");
        int category = header.Find("CATEGORY");
        int description = header.Find("DESCRIPTION");
        int text = header.Require("TEXT");
        int rowId = header.Find("ROW_ID");
        int error = header.Find("ISERROR");
        if (date < 0 && time < 0)
        {
            header.Require("CHARTDATE", "CHARTTIME");
        }

        var check = new CsvRecordChecks(session, context, csv, "note");
        var notes = session.Writer("note");
        while (csv.Next())
        {
            if (!check.Person(subject, "SUBJECT_ID", out var person)
                || !check.Visit(hadm, "HADM_ID", person, required: false, out var visit)
                || !check.Time(time, "CHARTTIME", required: false, out long charted)
                || !check.Time(date, "CHARTDATE", required: false, out long day)
                || !check.NotMarkedError(error, "ISERROR"))
            {
                continue;
            }

            long when = charted != NoTime ? charted : day;
            if (when == NoTime)
            {
                context.Reject("note", "CHARTDATE", QuarantineReason.MissingRequiredField, "CHARTDATE and CHARTTIME are both empty");
                continue;
            }

            if (!check.NotBeforeBirth(when, person, charted != NoTime ? "CHARTTIME" : "CHARTDATE"))
            {
                continue;
            }

            if (Utf8Values.Trim(csv[text]).IsEmpty)
            {
                context.Reject("note", "TEXT", QuarantineReason.MissingRequiredField, "TEXT is empty");
                continue;
            }

            notes.Int64(session.Ids("note").Next()).Int64(person.Id).Int64(visit?.Id).Ticks(when).Text(csv[category]).Text(csv[description])
                .Text(csv[text]).Text(csv[rowId]).Int32(context.FileId).EndRow();
            context.Accept();
        }
    }

    private static bool IcdConcept(IngestSession session, FileContext context, CsvTable csv, int code, string codeField, int version, string system9, string system10, string table, out int concept)
    {
        concept = 0;
        string? raw = IngestSession.Text(csv[code]);
        if (raw is null)
        {
            return context.Reject(table, codeField, QuarantineReason.MissingRequiredField, $"{codeField} is empty");
        }

        string system;
        if (version < 0)
        {
            system = system9; // MIMIC-III: ICD9_CODE
        }
        else if (Utf8Values.TryParseInt64(csv[version], out long v) && v is 9 or 10)
        {
            system = v == 9 ? system9 : system10;
        }
        else
        {
            return context.Reject(table, "ICD_VERSION", QuarantineReason.InvalidValue, $"ICD_VERSION is neither 9 nor 10; it holds {ValueShape.Describe(csv[version])}");
        }

        string? normalized = IcdCodes.Normalize(system, raw);
        if (normalized is null)
        {
            return context.Reject(table, codeField, QuarantineReason.InvalidValue, $"{codeField} is not an ICD code; it holds {ValueShape.Describe(raw)}");
        }

        concept = session.Concepts.IdOf(system, normalized);
        return true;
    }

    private static string Sex(ReadOnlySpan<byte> gender)
    {
        gender = Utf8Values.Trim(gender);
        if (gender.Length == 0)
        {
            return "U";
        }

        byte first = (byte)(gender[0] | 0x20);
        return first == (byte)'m' ? "M" : first == (byte)'f' ? "F" : "U";
    }
}
