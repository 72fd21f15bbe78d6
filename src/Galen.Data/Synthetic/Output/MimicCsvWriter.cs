using Galen.Data.Synthetic.Catalog;
using Galen.Data.Synthetic.Model;

namespace Galen.Data.Synthetic.Output;

/// <summary>
/// Writes MIMIC-III-style tables (docs/data-formats.md): upper-case file and column names,
/// ICD codes without dots, timestamps "yyyy-MM-dd HH:mm:ss", dates "yyyy-MM-dd".
/// </summary>
public sealed class MimicCsvWriter(string directory, bool compress = false) : HospitalDirectoryWriter(directory, compress)
{
    /// <summary>ICUSTAY_ID = HADM_ID + this (an admission has at most one ICU stay).</summary>
    public const long IcuStayIdOffset = 10_000_000;

    private const int Patients = 0;
    private const int Admissions = 1;
    private const int IcuStays = 2;
    private const int Diagnoses = 3;
    private const int Procedures = 4;
    private const int Prescriptions = 5;
    private const int LabEvents = 6;
    private const int ChartEvents = 7;
    private const int NoteEvents = 8;

    private static readonly TableFile[] Tables =
    [
        new("PATIENTS.csv", ["SUBJECT_ID", "GENDER", "DOB", "DOD"]),
        new("ADMISSIONS.csv", ["SUBJECT_ID", "HADM_ID", "ADMITTIME", "DISCHTIME", "DEATHTIME", "ADMISSION_TYPE", "ADMISSION_LOCATION", "DISCHARGE_LOCATION", "INSURANCE", "ETHNICITY", "HOSPITAL_EXPIRE_FLAG"]),
        new("ICUSTAYS.csv", ["SUBJECT_ID", "HADM_ID", "ICUSTAY_ID", "FIRST_CAREUNIT", "INTIME", "OUTTIME"]),
        new("DIAGNOSES_ICD.csv", ["SUBJECT_ID", "HADM_ID", "SEQ_NUM", "ICD_CODE", "ICD_VERSION"]),
        new("PROCEDURES_ICD.csv", ["SUBJECT_ID", "HADM_ID", "SEQ_NUM", "CHARTDATE", "ICD_CODE", "ICD_VERSION"]),
        new("PRESCRIPTIONS.csv", ["SUBJECT_ID", "HADM_ID", "STARTDATE", "ENDDATE", "DRUG", "NDC", "ATC", "DOSE_VAL_RX", "DOSE_UNIT_RX", "ROUTE"]),
        new("LABEVENTS.csv", ["SUBJECT_ID", "HADM_ID", "ITEMID", "CHARTTIME", "VALUE", "VALUENUM", "VALUEUOM", "FLAG"]),
        new("CHARTEVENTS.csv", ["SUBJECT_ID", "HADM_ID", "ICUSTAY_ID", "ITEMID", "CHARTTIME", "VALUE", "VALUENUM", "VALUEUOM"]),
        new("NOTEEVENTS.csv", ["ROW_ID", "SUBJECT_ID", "HADM_ID", "CHARTDATE", "CHARTTIME", "CATEGORY", "DESCRIPTION", "TEXT"]),
    ];

    protected override string FormatName => "mimic";

    private protected override IReadOnlyList<TableFile> FormatTables => Tables;

    private protected override void WriteStaticFiles(HospitalSetting setting)
    {
        WriteWholeTable(new TableFile("D_LABITEMS.csv", ["ITEMID", "LABEL", "FLUID", "CATEGORY", "LOINC_CODE"]), rows =>
        {
            foreach (var a in AnalyteCatalog.LabTests)
            {
                rows.Field(a.ItemId).Field(a.Label).Field(a.Fluid).Field(a.Category).Field(a.Loinc).EndRow();
            }
        });
        WriteWholeTable(new TableFile("D_ITEMS.csv", ["ITEMID", "LABEL", "UNITNAME", "LOINC_CODE"]), rows =>
        {
            foreach (var a in AnalyteCatalog.VitalSigns)
            {
                rows.Field(a.ItemId).Field(a.Label).Field(a.Unit).Field(a.Loinc).EndRow();
            }
        });
    }

    private protected override void Render(SyntheticPatient patient, Utf8Rows[] rows, ReadOnlySpan<long> firstIds)
    {
        long subject = patient.SubjectId;
        rows[Patients].Field(subject).Field(patient.Sex).Date(patient.BirthDate).Date(patient.DeathTime?.Date).EndRow();
        foreach (var a in patient.Admissions)
        {
            long hadm = a.HadmId;
            rows[Admissions].Field(subject).Field(hadm).Time(a.AdmitTime).Time(a.DischargeTime).Time(a.DeathTime)
                .Field(a.AdmissionType).Field(a.AdmissionLocation).Field(a.DischargeLocation).Field(a.Insurance).Field(patient.Ethnicity)
                .Field(a.DiedInHospital).EndRow();
            long? icuStayId = null;
            if (a.Icu is { } icu)
            {
                icuStayId = hadm + IcuStayIdOffset;
                rows[IcuStays].Field(subject).Field(hadm).Field(icuStayId).Field(icu.CareUnit).Time(icu.InTime).Time(icu.OutTime).EndRow();
            }

            for (int i = 0; i < a.Diagnoses.Count; i++)
            {
                rows[Diagnoses].Field(subject).Field(hadm).Field(i + 1L).Field(Undotted(a.Diagnoses[i].Code)).Field(10L).EndRow();
            }

            for (int i = 0; i < a.Procedures.Count; i++)
            {
                var p = a.Procedures[i];
                rows[Procedures].Field(subject).Field(hadm).Field(i + 1L).Time(p.Time).Field(p.Code.Code).Field(10L).EndRow();
            }

            foreach (var p in a.Prescriptions)
            {
                rows[Prescriptions].Field(subject).Field(hadm).Time(p.Start).Time(p.End).Field(p.Drug.Name).Empty().Field(p.Drug.Atc)
                    .Field(p.Drug.Dose).Field(p.Drug.DoseUnit).Field(p.Drug.Route).EndRow();
            }

            foreach (var m in a.Labs)
            {
                Lab(rows[LabEvents], subject, hadm, m);
            }

            foreach (var m in a.Vitals)
            {
                var info = AnalyteCatalog.Get(m.Analyte);
                bool inIcu = a.Icu is { } stay && m.Time >= stay.InTime && m.Time <= stay.OutTime;
                rows[ChartEvents].Field(subject).Field(hadm).Field(inIcu ? icuStayId : null).Field(info.ItemId).Time(m.Time)
                    .FieldTwice(m.Value, info.Decimals).Field(info.Unit).EndRow();
            }

            foreach (var note in a.Notes)
            {
                rows[NoteEvents].Field(note.NoteId).Field(subject).Field(hadm).Date(note.Time.Date).Time(note.Time)
                    .Field(note.Category).Field(note.Description).Field(note.Text).EndRow();
            }
        }

        foreach (var m in patient.OutpatientLabs)
        {
            Lab(rows[LabEvents], subject, null, m);
        }
    }

    /// <summary>ICD-10 codes as MIMIC writes them: without the dot.</summary>
    public static string Undotted(string code) => code.Replace(".", string.Empty, StringComparison.Ordinal);

    private static void Lab(Utf8Rows rows, long subject, long? hadm, Measurement m)
    {
        var info = AnalyteCatalog.Get(m.Analyte);
        rows.Field(subject).Field(hadm).Field(info.ItemId).Time(m.Time);
        if (m.IsCensored)
        {
            rows.Field("<" + m.Value.ToString("F" + info.Decimals, System.Globalization.CultureInfo.InvariantCulture)).Empty().Field(info.Unit).Empty();
        }
        else
        {
            bool abnormal = m.Value < info.NormalLow || m.Value > info.NormalHigh;
            rows.FieldTwice(m.Value, info.Decimals).Field(info.Unit).Field(abnormal ? "abnormal" : null);
        }

        rows.EndRow();
    }
}
