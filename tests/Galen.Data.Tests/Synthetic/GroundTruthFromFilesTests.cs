using System.Globalization;
using Galen.Data.Synthetic.Catalog;
using Galen.Data.Synthetic.Generation;
using Galen.Data.Synthetic.Model;
using Galen.Data.Synthetic.Output;

namespace Galen.Data.Tests.Synthetic;

/// <summary>
/// The ground-truth risks are functions of what the written files show: recomputing every input
/// of the outcome model from the MIMIC-style tables alone reproduces the exported probabilities.
/// This is what makes the Bayes-optimal AUROC reachable by a model that reads the same files.
/// </summary>
public sealed class GroundTruthFromFilesTests(WrittenMimicHospital hospital) : IClassFixture<WrittenMimicHospital>
{
    private static DateTime Time(string text) => DateTime.ParseExact(text, text.Length == 10 ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static readonly Dictionary<string, AdmissionReason> PrincipalCodes = ReasonCatalog.All
        .SelectMany(r => r.Codes.Select(c => (Code: MimicCsvWriter.Undotted(c.Code), r.Reason))).ToDictionary(p => p.Code, p => p.Reason);

    [Fact]
    public void Mortality_and_readmission_risks_are_recomputed_exactly_from_the_mimic_tables()
    {
        var patients = Csv.Records(hospital.File("PATIENTS.csv")).ToDictionary(r => r["SUBJECT_ID"], r => Time(r["DOB"]));
        var admissions = Csv.Records(hospital.File("ADMISSIONS.csv"));
        var diagnoses = Csv.Records(hospital.File("DIAGNOSES_ICD.csv")).GroupBy(r => r["HADM_ID"]).ToDictionary(g => g.Key, g => g.OrderBy(r => int.Parse(r["SEQ_NUM"], CultureInfo.InvariantCulture)).Select(r => r["ICD_CODE"]).ToList());
        var procedures = Csv.Records(hospital.File("PROCEDURES_ICD.csv")).GroupBy(r => r["HADM_ID"]).ToDictionary(g => g.Key, g => g.ToList());
        var icu = Csv.Records(hospital.File("ICUSTAYS.csv")).ToDictionary(r => r["HADM_ID"], r => Time(r["INTIME"]));
        var items = Csv.Records(hospital.File("D_LABITEMS.csv")).Concat(Csv.Records(hospital.File("D_ITEMS.csv")))
            .ToDictionary(r => r["ITEMID"], r => AnalyteCatalog.All.Single(a => a.Loinc == r["LOINC_CODE"]).Analyte);
        var events = Csv.Records(hospital.File("LABEVENTS.csv")).Concat(Csv.Records(hospital.File("CHARTEVENTS.csv")))
            .Where(r => r["HADM_ID"].Length > 0 && r["VALUENUM"].Length > 0)
            .GroupBy(r => r["HADM_ID"]).ToDictionary(g => g.Key, g => g.Select(r => (Analyte: items[r["ITEMID"]], Time: Time(r["CHARTTIME"]), Value: Number(r["VALUENUM"]))).ToList());
        var truth = Csv.Records(hospital.File("ground_truth/admissions.csv")).ToDictionary(r => r["hadm_id"]);

        int checkedMortality = 0;
        int checkedReadmission = 0;
        foreach (var a in admissions)
        {
            string hadm = a["HADM_ID"];
            var admit = Time(a["ADMITTIME"]);
            var discharge = Time(a["DISCHTIME"]);
            var dob = patients[a["SUBJECT_ID"]];
            int age = admit.Year - dob.Year - (admit.Month < dob.Month || (admit.Month == dob.Month && admit.Day < dob.Day) ? 1 : 0);
            var codes = diagnoses[hadm];
            var conditions = codes.Aggregate(ChronicCondition.None, (c, code) => c | ConditionCatalog.FromIcd10(code));
            int prior = admissions.Count(o => o["SUBJECT_ID"] == a["SUBJECT_ID"] && Time(o["ADMITTIME"]) < admit && Time(o["ADMITTIME"]) >= admit.AddDays(-365));
            var window = events.GetValueOrDefault(hadm, []).Where(e => e.Time >= admit && e.Time < admit.AddHours(24)).ToList();
            double? Min(Analyte analyte) => window.Where(e => e.Analyte == analyte).Select(e => (double?)e.Value).Min();
            double? Max(Analyte analyte) => window.Where(e => e.Analyte == analyte).Select(e => (double?)e.Value).Max();
            var x = new AdmissionRiskFactors
            {
                Age = age,
                Conditions = conditions,
                Reason = PrincipalCodes[codes[0]],
                PriorAdmissions365 = prior,
                Icu = icu.TryGetValue(hadm, out var inTime) && inTime < admit.AddHours(24),
                Intubated = procedures.GetValueOrDefault(hadm, []).Any(p => p["ICD_CODE"] == "0BH17EZ" && Time(p["CHARTDATE"]) < admit.AddHours(24)),
                SystolicMin = Min(Analyte.SystolicBloodPressure),
                HeartRateMax = Max(Analyte.HeartRate),
                OxygenSaturationMin = Min(Analyte.OxygenSaturation),
                RespiratoryRateMax = Max(Analyte.RespiratoryRate),
                TemperatureMin = Min(Analyte.Temperature),
                LactateMax = Max(Analyte.Lactate),
                CreatinineMax = Max(Analyte.Creatinine),
                WhiteCellsMax = Max(Analyte.WhiteBloodCells),
                WhiteCellsMin = Min(Analyte.WhiteBloodCells),
                SodiumMin = Min(Analyte.Sodium),
                SodiumMax = Max(Analyte.Sodium),
            };
            var t = truth[hadm];
            string Text(double? v) => v is { } d ? d.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
            var expected = new[] { t["age"], t["prior_admissions_365d"], t["icu"], t["intubated_24h"], t["coded_conditions"], t["sbp_min_24h"], t["hr_max_24h"], t["spo2_min_24h"], t["rr_max_24h"], t["temp_min_24h"], t["lactate_max_24h"], t["creatinine_max_24h"], t["wbc_max_24h"], t["wbc_min_24h"], t["sodium_min_24h"], t["sodium_max_24h"] };
            var actual = new[]
            {
                age.ToString(CultureInfo.InvariantCulture), prior.ToString(CultureInfo.InvariantCulture), x.Icu ? "1" : "0", x.Intubated ? "1" : "0",
                string.Join(';', ConditionCatalog.In(conditions).Select(c => c.Name)), Text(x.SystolicMin), Text(x.HeartRateMax), Text(x.OxygenSaturationMin),
                Text(x.RespiratoryRateMax), Text(x.TemperatureMin), Text(x.LactateMax), Text(x.CreatinineMax), Text(x.WhiteCellsMax), Text(x.WhiteCellsMin),
                Text(x.SodiumMin), Text(x.SodiumMax),
            };
            Assert.Equal(string.Join(" | ", expected), string.Join(" | ", actual));
            Assert.Equal(Number(t["p_in_hospital_death"]), OutcomeModel.MortalityProbability(x), 12);
            Assert.Equal(Number(t["p_los_gt_7d"]), OutcomeModel.LongStayProbability(x), 12);
            checkedMortality++;

            if (a["HOSPITAL_EXPIRE_FLAG"] == "1")
            {
                Assert.Equal(string.Empty, t["p_readmit_30d"]);
                continue;
            }

            var stay = events.GetValueOrDefault(hadm, []).Where(e => e.Time <= discharge).ToList();
            double? Last(Analyte analyte) => stay.Where(e => e.Analyte == analyte).OrderBy(e => e.Time).Select(e => (double?)e.Value).LastOrDefault();
            var r = new ReadmissionRiskFactors
            {
                Age = age,
                Conditions = conditions,
                Reason = x.Reason,
                PriorAdmissions365 = prior,
                LengthOfStayDays = (discharge - admit).TotalDays,
                DischargedToFacility = a["DISCHARGE_LOCATION"] is "SKILLED NURSING FACILITY" or "REHAB",
                Medicaid = a["INSURANCE"] == "Medicaid",
                LastHemoglobin = Last(Analyte.Hemoglobin),
                LastSodium = Last(Analyte.Sodium),
                LastCreatinine = Last(Analyte.Creatinine),
            };
            Assert.Equal(Number(t["p_readmit_30d"]), OutcomeModel.ReadmissionProbability(r), 12);
            checkedReadmission++;
        }

        Assert.Equal(hospital.Summary.Admissions, checkedMortality);
        Assert.True(checkedReadmission > 300);
    }

    [Fact]
    public void Drawn_outcomes_in_ground_truth_agree_with_the_tables()
    {
        var admissions = Csv.Records(hospital.File("ADMISSIONS.csv"));
        var truth = Csv.Records(hospital.File("ground_truth/admissions.csv")).ToDictionary(r => r["hadm_id"]);
        foreach (var group in admissions.GroupBy(a => a["SUBJECT_ID"]))
        {
            var ordered = group.OrderBy(a => Time(a["ADMITTIME"])).ToList();
            for (int i = 0; i < ordered.Count; i++)
            {
                var t = truth[ordered[i]["HADM_ID"]];
                Assert.Equal(ordered[i]["HOSPITAL_EXPIRE_FLAG"], t["in_hospital_death"]);
                if (t["readmit_30d"].Length == 0)
                {
                    continue;
                }

                bool readmitted = i + 1 < ordered.Count && (Time(ordered[i + 1]["ADMITTIME"]) - Time(ordered[i]["DISCHTIME"])).TotalDays <= 30;
                Assert.Equal(readmitted ? "1" : "0", t["readmit_30d"]);
            }
        }
    }

    [Fact]
    public void Lab_trajectory_truth_points_at_written_results()
    {
        var labs = Csv.Records(hospital.File("LABEVENTS.csv")).Select(r => (r["SUBJECT_ID"], r["HADM_ID"], r["ITEMID"], r["CHARTTIME"], r["VALUE"])).ToHashSet();
        var trajectories = Csv.Records(hospital.File("ground_truth/lab_trajectories.csv"));
        Assert.NotEmpty(trajectories);
        foreach (var t in trajectories)
        {
            var info = AnalyteCatalog.All.Single(a => a.Loinc == t["loinc"]);
            Assert.Contains((t["subject_id"], t["hadm_id"], info.ItemId.ToString(CultureInfo.InvariantCulture), t["charttime"], t["value"]), labs);
        }
    }
}
