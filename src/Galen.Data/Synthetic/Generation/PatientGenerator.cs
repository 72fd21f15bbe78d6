using Galen.Core.Randomness;
using Galen.Data.Synthetic.Catalog;
using Galen.Data.Synthetic.Model;
using Galen.Data.Synthetic.Notes;
using static Galen.Data.Synthetic.Catalog.Analyte;

namespace Galen.Data.Synthetic.Generation;

/// <summary>
/// Draws one patient's whole history from the generative model. Each patient has its own random
/// streams, derived from the hospital seed and the patient's index, so patients can be generated
/// in parallel and in any order with identical results.
/// </summary>
internal sealed class PatientGenerator
{
    /// <summary>First admissions fall in [2016-01-01, 2022-01-01).</summary>
    public static readonly DateTime FirstIndexDate = new(2016, 1, 1);

    public static readonly DateTime LastIndexDate = new(2022, 1, 1);

    /// <summary>No admission more than 30 days after a discharge starts after this date (30-day readmissions always happen).</summary>
    public static readonly DateTime LastLaterAdmission = new(2024, 1, 1);

    /// <summary>End of follow-up: out-of-hospital deaths and outpatient labs after it are not recorded.</summary>
    public static readonly DateTime FollowUpEnd = new(2026, 1, 1);

    /// <summary>At most this many admissions are started more than 30 days after a discharge.</summary>
    public const int MaxAdmissions = 40;

    private static readonly string[] Ethnicities = ["WHITE", "BLACK/AFRICAN AMERICAN", "HISPANIC/LATINO", "ASIAN", "OTHER", "UNKNOWN/NOT SPECIFIED"];
    private static readonly double[] EthnicityWeights = [62, 15, 10, 5, 3, 5];
    private static readonly string[] AllergyChoices = ["penicillin (rash)", "sulfa drugs (hives)", "codeine (nausea)", "latex", "iodinated contrast (hives)"];
    private static readonly double[] SiteWeights = [0.4, 0.3, 0.2, 0.1];

    private readonly int _patientSeed;
    private readonly int _identitySeed;
    private readonly HospitalSetting _setting;
    private readonly AdmissionSimulator _simulator;
    private readonly int[] _primaryCare;

    public PatientGenerator(int seed, HospitalSetting setting, NoteTemplateSet templates)
    {
        _patientSeed = Seeds.Derive(seed, "synth.patient");
        _identitySeed = Seeds.Derive(seed, "synth.identity");
        _setting = setting;
        _simulator = new AdmissionSimulator(setting, new NoteComposer(templates, setting, Seeds.Derive(seed, "synth.notes.problems")));
        _primaryCare = [.. setting.ClinicianIndexes("Primary Care")];
    }

    /// <summary>A 32-bit seed for one patient: SplitMix64 of the stream seed and the index.</summary>
    public static int Mix(int streamSeed, int index)
    {
        ulong z = ((ulong)(uint)streamSeed << 32) ^ (ulong)(uint)index;
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }

    public SyntheticPatient Generate(int index)
    {
        var rng = new Random(Mix(_patientSeed, index));
        var draft = Demographics(index, rng);
        draft.Identity = IdentityFactory.Patient(Mix(_identitySeed, index), draft.Female, draft.AgeAt(draft.IndexTime), _setting.Sites[draft.HomeSiteIndex],
            hasDevice: (draft.HeartFailureReduced && rng.Chance(0.35)) || ((draft.StaticConditions & ChronicCondition.AtrialFibrillation) != 0 && rng.Chance(0.15)));

        DateTime? death = AdmissionChain(draft, rng);
        var lastDischarge = draft.Admissions[^1].DischargeTime;
        if (death is null)
        {
            death = OutOfHospitalDeath(draft, lastDischarge, rng);
        }

        var outpatient = OutpatientLabs(draft, lastDischarge, death, rng);
        return new SyntheticPatient
        {
            Index = index,
            Sex = draft.Sex,
            BirthDate = draft.BirthDate,
            Ethnicity = draft.Ethnicity,
            Identity = draft.Identity,
            PrimaryCareIndex = draft.PrimaryCareIndex,
            Conditions = draft.ConditionsAt(draft.IndexTime),
            Smoking = draft.Smoking,
            BodyMassIndex = draft.BodyMassIndex,
            HeartFailureReduced = draft.HeartFailureReduced,
            CancerCode = draft.CancerCode,
            InsulinTreated = draft.InsulinTreated,
            HomeMedications = draft.HomeMedications,
            Allergies = draft.Allergies,
            HbA1c = draft.HbA1c,
            Egfr = draft.Egfr,
            IndexTime = draft.IndexTime,
            Admissions = draft.Admissions,
            OutpatientLabs = outpatient,
            Trajectories = Trajectories(draft, outpatient),
            DeathTime = death,
        };
    }

    private PatientDraft Demographics(int index, Random rng)
    {
        bool female = rng.Chance(0.52);
        int age = DrawAge(rng);
        int span = (int)(LastIndexDate - FirstIndexDate).TotalDays;
        var indexDay = FirstIndexDate.AddDays(rng.Next(0, span));
        var indexTime = indexDay.AddMinutes(rng.Next(0, 24 * 60));
        var birth = indexDay.AddYears(-age).AddDays(-rng.Next(1, 365));
        string ethnicity = Ethnicities[rng.Categorical(EthnicityWeights)];
        double a = (age - 65) / 10.0;

        var smoking = rng.NextDouble() switch
        {
            var u when u < (age < 65 ? 0.20 : 0.10) => SmokingStatus.Current,
            var u when u < (age < 65 ? 0.48 : 0.50) => SmokingStatus.Former,
            _ => SmokingStatus.Never,
        };
        double bmi = Math.Round(Math.Clamp(rng.Normal(28.5 - (0.04 * (age - 60)), 6), 16, 60), 1);
        bool obese = bmi >= 30;
        bool black = ethnicity == "BLACK/AFRICAN AMERICAN";
        bool hispanic = ethnicity == "HISPANIC/LATINO";
        bool smoker = smoking == SmokingStatus.Current;
        bool everSmoker = smoking != SmokingStatus.Never;

        var c = ChronicCondition.None;
        bool Draw(double logit) => rng.Chance(Sampling.Logistic(logit));
        bool Has(ChronicCondition condition) => (c & condition) != 0;
        double I(bool flag) => flag ? 1 : 0;
        if (obese)
        {
            c |= ChronicCondition.Obesity;
        }

        if (Draw(0.3 + (0.55 * a) + (0.5 * I(obese)) + (0.3 * I(black))))
        {
            c |= ChronicCondition.Hypertension;
        }

        if (Draw(-0.9 + (0.2 * a) + (0.9 * I(obese)) + (0.3 * I(black || hispanic))))
        {
            c |= ChronicCondition.Diabetes;
        }

        if (Draw(-0.3 + (0.3 * a) + (0.5 * I(Has(ChronicCondition.Diabetes)))))
        {
            c |= ChronicCondition.Hyperlipidemia;
        }

        if (Draw(-2.0 + (0.5 * a) + (0.6 * I(Has(ChronicCondition.Diabetes))) + (0.5 * I(Has(ChronicCondition.Hypertension))) + (0.7 * I(smoker)) + (0.4 * I(!female))))
        {
            c |= ChronicCondition.CoronaryArteryDisease;
        }

        if (Draw(-2.6 + (0.45 * a) + (0.9 * I(Has(ChronicCondition.CoronaryArteryDisease))) + (0.6 * I(Has(ChronicCondition.Hypertension))) + (0.4 * I(Has(ChronicCondition.Diabetes)))))
        {
            c |= ChronicCondition.HeartFailure;
        }

        if (Draw(-2.8 + (0.6 * a) + (0.8 * I(Has(ChronicCondition.HeartFailure))) + (0.3 * I(Has(ChronicCondition.Hypertension)))))
        {
            c |= ChronicCondition.AtrialFibrillation;
        }

        if (Draw(-3.3 + (0.35 * a) + (2.0 * I(smoker)) + (1.3 * I(smoking == SmokingStatus.Former))))
        {
            c |= ChronicCondition.Copd;
        }

        if (Draw(-2.8 + (0.4 * I(female)) - (0.1 * a)))
        {
            c |= ChronicCondition.Asthma;
        }

        if (Draw(-2.9 + (0.3 * a) + (0.4 * I(everSmoker))))
        {
            c |= ChronicCondition.Cancer;
        }

        if (Draw(-4.3 + (1.0 * a)))
        {
            c |= ChronicCondition.Dementia;
        }

        if (Draw(-1.8 + (0.4 * I(female)) - (0.1 * a)))
        {
            c |= ChronicCondition.Depression;
        }

        if (Draw(-3.9 - (0.1 * a)))
        {
            c |= ChronicCondition.Cirrhosis;
        }

        if (Draw(-3.2 + (0.45 * a) + (0.5 * I(Has(ChronicCondition.AtrialFibrillation))) + (0.4 * I(Has(ChronicCondition.Hypertension)))))
        {
            c |= ChronicCondition.PriorStroke;
        }

        if (Draw(-2.7 + (0.9 * I(female)) + (0.2 * a)))
        {
            c |= ChronicCondition.Hypothyroidism;
        }

        bool reduced = rng.Chance(0.5);
        Galen.Core.Clinical.ClinicalCode? cancer = null;
        if (Has(ChronicCondition.Cancer))
        {
            double u = rng.NextDouble();
            cancer = u < (everSmoker ? 0.45 : 0.2) ? ConditionCatalog.LungCancer
                : u < 0.6 ? ConditionCatalog.ColonCancer
                : female ? ConditionCatalog.BreastCancer : ConditionCatalog.ProstateCancer;
        }

        bool diabetes = Has(ChronicCondition.Diabetes);
        bool insulin = diabetes && rng.Chance(0.35);
        var egfr = LabTrajectoryModel.Draw(Egfr, LabTrajectoryModel.EgfrPrior(age, diabetes, Has(ChronicCondition.Hypertension), Has(ChronicCondition.HeartFailure)), LabTrajectoryModel.EgfrNoiseSd, rng);
        var hba1c = diabetes ? LabTrajectoryModel.Draw(HbA1c, LabTrajectoryModel.HbA1cPrior(insulin, obese, age), LabTrajectoryModel.HbA1cNoiseSd, rng) : null;

        var medications = new List<string>();
        var groups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var home in HomeMedicationCatalog.All)
        {
            if ((c & home.Condition) == 0 || medications.Contains(home.DrugKey) || (home.Group is { } g && groups.Contains(g)))
            {
                continue;
            }

            if (home.DrugKey == "metformin" && egfr.Intercept < 30)
            {
                continue;
            }

            if (rng.Chance(home.Probability))
            {
                medications.Add(home.DrugKey);
                if (home.Group is { } group)
                {
                    groups.Add(group);
                }
            }
        }

        if (insulin)
        {
            medications.Add("insulin_glargine");
        }

        var allergies = new List<string>();
        if (rng.Chance(0.3))
        {
            allergies.Add(rng.Pick(AllergyChoices));
            if (rng.Chance(0.3))
            {
                string second = rng.Pick(AllergyChoices);
                if (!allergies.Contains(second))
                {
                    allergies.Add(second);
                }
            }
        }

        string insurance = rng.NextDouble() switch
        {
            < 0.55 => "Private",
            < 0.85 => "Medicaid",
            < 0.93 => "Medicare",
            _ => "Self Pay",
        };

        return new PatientDraft
        {
            Index = index,
            Female = female,
            BirthDate = birth,
            IndexTime = indexTime,
            Ethnicity = ethnicity,
            Smoking = smoking,
            BodyMassIndex = bmi,
            StaticConditions = c,
            HeartFailureReduced = reduced,
            CancerCode = cancer,
            InsulinTreated = insulin,
            HomeMedications = medications,
            Allergies = allergies,
            Egfr = egfr,
            HbA1c = hba1c,
            BaseInsurance = insurance,
            HomeSiteIndex = rng.Categorical(SiteWeights),
            PrimaryCareIndex = _primaryCare[rng.Next(_primaryCare.Length)],
        };
    }

    /// <summary>Age at the first admission: a mixture shaped like an adult inpatient population, 7% over 89.</summary>
    private static int DrawAge(Random rng) => rng.Categorical([14, 26, 34, 19, 7]) switch
    {
        0 => rng.Next(18, 45),
        1 => rng.Next(45, 65),
        2 => rng.Next(65, 80),
        3 => rng.Next(80, 90),
        _ => rng.Next(90, 101),
    };

    /// <summary>Admissions until death in hospital, or until no further admission is drawn. Returns the in-hospital death time, if any.</summary>
    private DateTime? AdmissionChain(PatientDraft draft, Random rng)
    {
        var notBefore = draft.IndexTime;
        int later = 0;
        while (true)
        {
            var (admission, readmitted) = _simulator.Simulate(draft, draft.Admissions.Count, notBefore, rng);
            draft.Admissions.Add(admission);
            if (admission.DiedInHospital)
            {
                return admission.DeathTime;
            }

            if (readmitted == true)
            {
                // Readmissions fall 0.5–28.5 days after discharge (front-loaded), inside any 30-day window.
                notBefore = admission.DischargeTime.AddDays(0.5 + (28 * Math.Pow(rng.NextDouble(), 1.6)));
                continue;
            }

            var c = draft.ConditionsAt(admission.DischargeTime);
            int burden = System.Numerics.BitOperations.PopCount((uint)(c & (ChronicCondition.HeartFailure | ChronicCondition.Copd | ChronicCondition.ChronicKidneyDisease | ChronicCondition.Cancer | ChronicCondition.Diabetes)));
            double laterProbability = Sampling.Logistic(-0.9 + (0.15 * burden) + (0.2 * (draft.AgeAt(admission.DischargeTime) - 65) / 10.0));
            if (later < MaxAdmissions && rng.Chance(laterProbability))
            {
                // Later admissions start at least 31 days after discharge, so the 30-day label is unambiguous.
                var next = admission.DischargeTime.AddDays(31 + rng.Exponential(280));
                if (next < LastLaterAdmission)
                {
                    notBefore = next;
                    later++;
                    continue;
                }
            }

            return null;
        }
    }

    /// <summary>Deaths outside hospital happen only after the last discharge and more than 30 days after it.</summary>
    private static DateTime? OutOfHospitalDeath(PatientDraft draft, DateTime lastDischarge, Random rng)
    {
        var c = draft.ConditionsAt(lastDischarge);
        bool Has(ChronicCondition condition) => (c & condition) != 0;
        double logit = -2.2 + (0.05 * (draft.AgeAt(lastDischarge) - 65)) + (Has(ChronicCondition.Cancer) ? 0.5 : 0) + (Has(ChronicCondition.HeartFailure) ? 0.4 : 0)
            + (Has(ChronicCondition.Copd) ? 0.3 : 0) + (Has(ChronicCondition.Dementia) ? 0.3 : 0);
        if (!rng.Chance(Sampling.Logistic(logit)))
        {
            return null;
        }

        var date = lastDischarge.Date.AddDays(31 + Math.Floor(rng.Exponential(300))).AddHours(rng.Next(0, 24)).AddMinutes(rng.Next(0, 60));
        return date < FollowUpEnd ? date : null;
    }

    /// <summary>Clinic blood tests between admissions: HbA1c for diabetes, metabolic panels for kidney, heart and blood-pressure disease; visits are missed at random.</summary>
    private static List<Measurement> OutpatientLabs(PatientDraft draft, DateTime lastDischarge, DateTime? death, Random rng)
    {
        var labs = new List<Measurement>();
        var c = draft.StaticConditions;
        bool diabetes = draft.HbA1c is not null;
        bool ckd = draft.LatentEgfr(draft.IndexTime) < 60;
        bool cardiovascular = (c & (ChronicCondition.Hypertension | ChronicCondition.HeartFailure | ChronicCondition.Hyperlipidemia)) != 0;
        if (!diabetes && !ckd && !cardiovascular)
        {
            return labs;
        }

        var end = lastDischarge.AddDays(365);
        if (death is { } d && d < end)
        {
            end = d;
        }

        if (end > FollowUpEnd)
        {
            end = FollowUpEnd;
        }

        var t = draft.IndexTime.AddDays(-365 + rng.Uniform(0, 120));
        while (true)
        {
            t = t.Date.AddDays(diabetes ? rng.Uniform(100, 200) : ckd ? rng.Uniform(90, 200) : rng.Uniform(250, 450));
            var visit = t.Date.AddHours(8).AddMinutes(rng.Next(0, 180));
            if (visit >= end)
            {
                break;
            }

            if (rng.Chance(0.25) || draft.Admissions.Any(a => visit >= a.AdmitTime.AddDays(-1) && visit <= a.DischargeTime.AddDays(1)))
            {
                continue;
            }

            int age = draft.AgeAt(visit);
            double egfrObserved = draft.LatentEgfr(visit) + rng.Normal(0, LabTrajectoryModel.EgfrNoiseSd);
            double creatinine = Sampling.Quantize(Math.Clamp(CkdEpi.Creatinine(Math.Max(egfrObserved, 3), age, draft.Female), 0.3, 15), 2);
            labs.Add(new Measurement(Sodium, visit, Sampling.Quantize(139 + rng.Normal(0, 2), 0)));
            labs.Add(new Measurement(Potassium, visit, Sampling.Quantize(4.3 + rng.Normal(0, 0.3) + (egfrObserved < 30 ? 0.4 : 0), 1)));
            labs.Add(new Measurement(UreaNitrogen, visit, Sampling.Quantize(Math.Max(3, (14 * Math.Pow(creatinine, 0.75)) + rng.Normal(0, 2)), 0)));
            labs.Add(new Measurement(Creatinine, visit, creatinine));
            labs.Add(new Measurement(Egfr, visit, Sampling.Quantize(Math.Clamp(CkdEpi.Egfr(creatinine, age, draft.Female), 2, 150), 0)));
            double? a1c = draft.LatentHbA1c(visit);
            labs.Add(new Measurement(Glucose, visit, Sampling.Quantize(Math.Max(40, a1c is { } v ? (28.7 * v) - 46.7 + rng.Normal(0, 25) : 98 + rng.Normal(0, 10)), 0)));
            if (draft.HbA1c is { } trajectory)
            {
                double level = trajectory.LevelAt(draft.YearsSinceIndex(visit));
                labs.Add(new Measurement(HbA1c, visit, Sampling.Quantize(Math.Clamp(level + rng.Normal(0, trajectory.NoiseSd), 4.5, 16), 1)));
            }

            if ((c & (ChronicCondition.Hyperlipidemia | ChronicCondition.CoronaryArteryDisease)) != 0 && rng.Chance(0.5))
            {
                double ldl = 110 + rng.Normal(0, 25) - (draft.Takes("atorvastatin") || draft.Takes("simvastatin") ? 35 : 0);
                labs.Add(new Measurement(LdlCholesterol, visit, Sampling.Quantize(Math.Clamp(ldl, 20, 300), 0)));
            }
        }

        return labs;
    }

    /// <summary>Ground truth of every HbA1c (inpatient and outpatient) and every outpatient eGFR, with the Bayes-optimal prediction from earlier values.</summary>
    private static List<TrajectoryPoint> Trajectories(PatientDraft draft, List<Measurement> outpatient)
    {
        var points = new List<TrajectoryPoint>();
        if (draft.HbA1c is { } hba1c)
        {
            var observations = outpatient.Where(m => m.Analyte == HbA1c).Select(m => (m.Time, Ordinal: (int?)null, m.Value))
                .Concat(draft.Admissions.SelectMany(a => a.Labs.Where(m => m.Analyte == HbA1c).Select(m => (m.Time, Ordinal: (int?)a.Ordinal, m.Value))))
                .OrderBy(o => o.Time).ToList();
            AddPoints(points, draft, hba1c, observations);
        }

        var egfr = outpatient.Where(m => m.Analyte == Egfr).Select(m => (m.Time, Ordinal: (int?)null, m.Value)).OrderBy(o => o.Time).ToList();
        AddPoints(points, draft, draft.Egfr, egfr);
        return points;
    }

    private static void AddPoints(List<TrajectoryPoint> points, PatientDraft draft, LabTrajectory trajectory, List<(DateTime Time, int? Ordinal, double Value)> observations)
    {
        var history = new List<(double Years, double Value)>();
        foreach (var (time, ordinal, value) in observations)
        {
            double years = draft.YearsSinceIndex(time);
            var (mean, sd) = LabTrajectoryModel.Predict(trajectory, history, years);
            points.Add(new TrajectoryPoint(trajectory.Analyte, time, ordinal, value, trajectory.LevelAt(years), mean, sd));
            history.Add((years, value));
        }
    }
}
