using System.Globalization;
using System.Text;

namespace Galen.Bench.Ingest;

/// <summary>
/// Writes a MIMIC-III-style extract for benchmarks: PATIENTS, ADMISSIONS, D_LABITEMS, D_ITEMS,
/// DIAGNOSES_ICD, PRESCRIPTIONS, LABEVENTS and CHARTEVENTS with realistic column shapes (a few
/// outpatient labs without HADM_ID, text results, abnormal flags). Deterministic for a seed.
/// Files are large and never committed: they go to a temporary folder.
/// </summary>
public static class MimicExtractWriter
{
    private static readonly (int Item, string Loinc, string Label, string Unit, double Mean, double Sd)[] Labs =
    [
        (50912, "2160-0", "Creatinine", "mg/dL", 1.1, 0.5), (50971, "2823-3", "Potassium", "mEq/L", 4.2, 0.5),
        (50983, "2951-2", "Sodium", "mEq/L", 139, 3.5), (51221, "4544-3", "Hematocrit", "%", 34, 5),
        (51301, "6690-2", "White Blood Cells", "K/uL", 9.5, 3.5), (50931, "2345-7", "Glucose", "mg/dL", 130, 40),
        (50882, "1963-8", "Bicarbonate", "mEq/L", 25, 3.5), (51265, "777-3", "Platelet Count", "K/uL", 240, 80),
        (51006, "3094-0", "Urea Nitrogen", "mg/dL", 22, 12), (50813, "2524-7", "Lactate", "mmol/L", 1.8, 1.0),
        (50852, "4548-4", "% Hemoglobin A1c", "%", 6.4, 1.2), (51222, "718-7", "Hemoglobin", "g/dL", 11, 2),
    ];

    private static readonly (int Item, string Loinc, string Label, string Unit, double Mean, double Sd)[] Vitals =
    [
        (220045, "8867-4", "Heart Rate", "bpm", 85, 15), (220179, "8480-6", "Non Invasive Blood Pressure systolic", "mmHg", 122, 18),
        (220180, "8462-4", "Non Invasive Blood Pressure diastolic", "mmHg", 64, 12), (220210, "9279-1", "Respiratory Rate", "insp/min", 19, 4),
        (220277, "59408-5", "O2 saturation pulseoxymetry", "%", 96, 2.5), (223761, "8310-5", "Temperature Fahrenheit", "?F", 98.4, 1.2),
    ];

    private static readonly string[] Diagnoses = ["I509", "E119", "N183", "J441", "I10", "I4891", "J189", "N179", "E785", "K219", "F329", "A419"];
    private static readonly (string Drug, string Atc)[] Drugs = [("Metformin", "A10BA02"), ("Furosemide", "C03CA01"), ("Lisinopril", "C09AA03"), ("Atorvastatin", "C10AA05"), ("Heparin", "B01AB01"), ("Insulin", "A10AB01"), ("Pantoprazole", "A02BC02"), ("Albuterol", "R03AC02")];

    /// <summary>Writes only PATIENTS, ADMISSIONS, D_LABITEMS and a LABEVENTS file of exactly <paramref name="rows"/> rows.</summary>
    public static void WriteLabEvents(string folder, long rows, int seed = 1)
    {
        int patients = (int)Math.Max(1, rows / 100);
        Directory.CreateDirectory(folder);
        var rng = new Random(seed);
        var admissions = WritePatientsAndAdmissions(folder, patients, rng, admissionsPerPatient: 1);
        WriteItems(folder);
        using var labs = Open(folder, "LABEVENTS.csv");
        labs.Write("ROW_ID,SUBJECT_ID,HADM_ID,ITEMID,CHARTTIME,VALUE,VALUENUM,VALUEUOM,FLAG\n");
        var line = new StringBuilder(128);
        for (long row = 0; row < rows; row++)
        {
            int patient = (int)(row * patients / rows);
            var admission = admissions[patient][0];
            WriteEvent(labs, line, rng, row + 1, patient + 1, admission, Labs[rng.Next(Labs.Length)], lab: true);
        }
    }

    /// <summary>Writes a whole extract: each patient has 1–4 admissions and about <paramref name="eventsPerPatient"/> labs and vitals.</summary>
    public static void WriteExtract(string folder, int patients, int eventsPerPatient, int seed = 1)
    {
        Directory.CreateDirectory(folder);
        var rng = new Random(seed);
        var admissions = WritePatientsAndAdmissions(folder, patients, rng, admissionsPerPatient: 0);
        WriteItems(folder);
        using (var diagnoses = Open(folder, "DIAGNOSES_ICD.csv"))
        using (var prescriptions = Open(folder, "PRESCRIPTIONS.csv"))
        {
            diagnoses.Write("ROW_ID,SUBJECT_ID,HADM_ID,SEQ_NUM,ICD_CODE,ICD_VERSION\n");
            prescriptions.Write("ROW_ID,SUBJECT_ID,HADM_ID,STARTDATE,ENDDATE,DRUG,NDC,ATC,DOSE_VAL_RX,DOSE_UNIT_RX,ROUTE\n");
            long d = 0, p = 0;
            for (int patient = 0; patient < patients; patient++)
            {
                foreach (var a in admissions[patient])
                {
                    for (int k = rng.Next(1, 6); k > 0; k--)
                    {
                        diagnoses.Write(string.Create(CultureInfo.InvariantCulture, $"{++d},{patient + 1},{a.Id},{k},{Diagnoses[rng.Next(Diagnoses.Length)]},10\n"));
                    }

                    for (int k = rng.Next(0, 4); k > 0; k--)
                    {
                        var (drug, atc) = Drugs[rng.Next(Drugs.Length)];
                        var start = a.Start.AddHours(rng.Next(1, 24));
                        prescriptions.Write(string.Create(CultureInfo.InvariantCulture, $"{++p},{patient + 1},{a.Id},{start:yyyy-MM-dd HH:mm:ss},{a.End:yyyy-MM-dd HH:mm:ss},{drug},0,{atc},1,mg,PO\n"));
                    }
                }
            }
        }

        using var labs = Open(folder, "LABEVENTS.csv");
        using var chart = Open(folder, "CHARTEVENTS.csv");
        labs.Write("ROW_ID,SUBJECT_ID,HADM_ID,ITEMID,CHARTTIME,VALUE,VALUENUM,VALUEUOM,FLAG\n");
        chart.Write("ROW_ID,SUBJECT_ID,HADM_ID,ICUSTAY_ID,ITEMID,CHARTTIME,VALUE,VALUENUM,VALUEUOM,ERROR\n");
        var line = new StringBuilder(128);
        long labRow = 0, chartRow = 0;
        for (int patient = 0; patient < patients; patient++)
        {
            var visits = admissions[patient];
            int events = Math.Max(1, eventsPerPatient + rng.Next(-eventsPerPatient / 4, (eventsPerPatient / 4) + 1));
            for (int e = 0; e < events; e++)
            {
                var a = visits[rng.Next(visits.Count)];
                if (rng.NextDouble() < 0.6)
                {
                    WriteEvent(labs, line, rng, ++labRow, patient + 1, a, Labs[rng.Next(Labs.Length)], lab: true);
                }
                else
                {
                    WriteEvent(chart, line, rng, ++chartRow, patient + 1, a, Vitals[rng.Next(Vitals.Length)], lab: false);
                }
            }
        }
    }

    private static void WriteEvent(StreamWriter writer, StringBuilder line, Random rng, long rowId, int subject, Admission admission, (int Item, string Loinc, string Label, string Unit, double Mean, double Sd) item, bool lab)
    {
        var time = admission.Start.AddMinutes(rng.NextDouble() * (admission.End - admission.Start).TotalMinutes);
        double value = Math.Round(item.Mean + (item.Sd * Gaussian(rng)), 1);
        bool text = lab && rng.NextDouble() < 0.02;
        bool outpatient = lab && rng.NextDouble() < 0.03;
        line.Clear();
        line.Append(rowId).Append(',').Append(subject).Append(',');
        if (!outpatient)
        {
            line.Append(admission.Id);
        }

        line.Append(',');
        if (!lab)
        {
            line.Append(',');
        }

        line.Append(item.Item).Append(',').Append(time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(',');
        if (text)
        {
            line.Append("NEG,,,");
        }
        else
        {
            string number = value.ToString(CultureInfo.InvariantCulture);
            line.Append(number).Append(',').Append(number).Append(',').Append(item.Unit).Append(',');
        }

        if (lab)
        {
            line.Append(Math.Abs(value - item.Mean) > 1.5 * item.Sd ? "abnormal" : string.Empty);
        }
        else
        {
            line.Append('0');
        }

        line.Append('\n');
        writer.Write(line);
    }

    private static List<Admission>[] WritePatientsAndAdmissions(string folder, int patients, Random rng, int admissionsPerPatient)
    {
        var all = new List<Admission>[patients];
        using var people = Open(folder, "PATIENTS.csv");
        using var visits = Open(folder, "ADMISSIONS.csv");
        people.Write("SUBJECT_ID,GENDER,DOB,DOD\n");
        visits.Write("SUBJECT_ID,HADM_ID,ADMITTIME,DISCHTIME,DEATHTIME,ADMISSION_TYPE,ETHNICITY,HOSPITAL_EXPIRE_FLAG\n");
        long nextAdmission = 100_000;
        var origin = new DateTime(2012, 1, 1);
        for (int p = 0; p < patients; p++)
        {
            var birth = origin.AddDays(-rng.Next(18 * 365, 90 * 365));
            int count = admissionsPerPatient > 0 ? admissionsPerPatient : rng.Next(1, 5);
            var list = new List<Admission>(count);
            var start = origin.AddDays(rng.Next(0, 365)).AddHours(rng.Next(0, 24));
            bool dead = false;
            for (int a = 0; a < count && !dead; a++)
            {
                var end = start.AddHours(rng.Next(20, 24 * 14));
                dead = rng.NextDouble() < 0.08;
                list.Add(new Admission(++nextAdmission, start, end));
                visits.Write(string.Create(CultureInfo.InvariantCulture,
                    $"{p + 1},{nextAdmission},{start:yyyy-MM-dd HH:mm:ss},{end:yyyy-MM-dd HH:mm:ss},{(dead ? end.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : string.Empty)},EMERGENCY,{(p % 5 == 0 ? "BLACK/AFRICAN AMERICAN" : "WHITE")},{(dead ? 1 : 0)}\n"));
                start = end.AddDays(rng.Next(3, 120));
            }

            people.Write(string.Create(CultureInfo.InvariantCulture, $"{p + 1},{(p % 2 == 0 ? 'F' : 'M')},{birth:yyyy-MM-dd},{(dead ? list[^1].End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty)}\n"));
            all[p] = list;
        }

        return all;
    }

    private static void WriteItems(string folder)
    {
        using var labItems = Open(folder, "D_LABITEMS.csv");
        labItems.Write("ITEMID,LABEL,FLUID,CATEGORY,LOINC_CODE\n");
        foreach (var lab in Labs)
        {
            labItems.Write(string.Create(CultureInfo.InvariantCulture, $"{lab.Item},{lab.Label},Blood,Chemistry,{lab.Loinc}\n"));
        }

        using var chartItems = Open(folder, "D_ITEMS.csv");
        chartItems.Write("ITEMID,LABEL,UNITNAME,LOINC_CODE\n");
        foreach (var vital in Vitals)
        {
            chartItems.Write(string.Create(CultureInfo.InvariantCulture, $"{vital.Item},{vital.Label},{vital.Unit},{vital.Loinc}\n"));
        }
    }

    private static StreamWriter Open(string folder, string name) =>
        new(Path.Combine(folder, name), append: false, new UTF8Encoding(false), bufferSize: 1 << 20) { NewLine = "\n" };

    private static double Gaussian(Random rng) => Math.Sqrt(-2.0 * Math.Log(1.0 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private sealed record Admission(long Id, DateTime Start, DateTime End);
}
