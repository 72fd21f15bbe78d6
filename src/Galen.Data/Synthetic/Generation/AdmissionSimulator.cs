using System.Globalization;
using Galen.Core.Clinical;
using Galen.Data.Synthetic.Catalog;
using Galen.Data.Synthetic.Model;
using Galen.Data.Synthetic.Notes;
using static Galen.Data.Synthetic.Catalog.Analyte;

namespace Galen.Data.Synthetic.Generation;

/// <summary>
/// Simulates one admission in the order the generative model defines: reason and severity,
/// ICU and airway, the first 24 hours of vital signs and labs, the outcome drawn from what
/// those 24 hours recorded (<see cref="OutcomeModel"/>), then the rest of the stay, codes,
/// drugs, discharge, the readmission draw and the notes.
/// </summary>
internal sealed class AdmissionSimulator(HospitalSetting setting, NoteComposer notes)
{
    /// <summary>Probability that a chronic condition present is coded on an admission (under-coding otherwise).</summary>
    public const double CodingCompleteness = 0.95;

    private static readonly Analyte[] MetabolicPanel = [Sodium, Potassium, Bicarbonate, Creatinine, Glucose];
    private static readonly Analyte[] BloodCount = [WhiteBloodCells, Hemoglobin, Platelets];

    /// <summary>The admission and whether the patient is readmitted within 30 days (null when they died).</summary>
    public (SyntheticAdmission Admission, bool? Readmitted) Simulate(PatientDraft patient, int ordinal, DateTime notBefore, Random rng)
    {
        var reason = AdmissionReasonModel.Draw(patient, notBefore, rng);
        var profile = ReasonCatalog.Get(reason);
        bool elective = profile.AdmissionType == "ELECTIVE";
        DateTime admit = elective
            ? notBefore.Date.AddDays(notBefore.Hour >= 6 ? 1 : 0).AddHours(6).AddMinutes(rng.Next(0, 150))
            : Minutes.Floor(notBefore);
        var stay = new StayRecorder(admit);
        int age = patient.AgeAt(admit);
        var trueConditions = patient.ConditionsAt(admit);
        var coded = ChronicCondition.None;
        foreach (var condition in ConditionCatalog.All)
        {
            if ((trueConditions & condition.Condition) != 0 && rng.Chance(CodingCompleteness))
            {
                coded |= condition.Condition;
            }
        }

        // A principal diagnosis that names a chronic condition (an exacerbation, DKA, a colectomy for cancer) codes it.
        coded |= ConditionCatalog.FromIcd10(profile.Codes[0].Code);
        int prior = patient.Admissions.Count(a => a.AdmitTime >= admit.AddDays(-365));
        double severity = rng.LogNormal(profile.SeverityMedian * (1 + (0.04 * (age - 65) / 10.0)), 0.45);

        // ICU and airway are decided from the latent severity; both happen in the first hours.
        bool icu = rng.Chance(Sampling.Logistic(-3.4 + (1.6 * severity) + profile.IcuBias));
        double icuIn = icu ? rng.Uniform(0.5, 4) : double.PositiveInfinity;
        bool intubated = icu && rng.Chance(Sampling.Logistic(-5.2 + (1.5 * severity) + profile.AirwayBias));
        double intubationHours = intubated ? icuIn + rng.Uniform(0.2, 6) : double.PositiveInfinity;
        var body = new Physiology(patient, admit, profile, severity, rng);
        if (intubated)
        {
            body.Intubate(intubationHours);
        }

        // First 24 hours: the window the outcome model reads.
        var vitalClock = new VitalClock(icuIn, rng.Uniform(0.1, 0.5));
        RecordVitals(stay, body, vitalClock, 0, 24, icuIn, rng);
        int extraChecks = icu ? 0 : rng.Poisson(0.8 * severity);
        for (int i = 0; i < extraChecks; i++)
        {
            RecordVitalSet(stay, body, rng.Uniform(0.5, 23.5), hourly: false, rng);
        }

        var orders = new LabOrders(patient, profile, severity, icu);
        double panelHours = rng.Uniform(0.3, 2.0);
        RecordAdmissionLabs(stay, body, orders, patient, panelHours, age, rng);
        if (icu && rng.Chance(0.7))
        {
            double second = panelHours + rng.Uniform(8, 14);
            RecordPanel(stay, body, MetabolicPanel, second, patient, age, rng);
            RecordPanel(stay, body, BloodCount, second, patient, age, rng);
        }

        // Morning labs can fall inside the first 24 hours (an evening admission); they belong to the window.
        var mornings = new MorningLabs(stay, body, orders, patient, age, panelHours, icuIn);
        mornings.RecordUntil(24, double.PositiveInfinity, rng);

        var risk = stay.RiskFactors(age, coded, reason, prior, icu, intubated);
        double pDeath = OutcomeModel.MortalityProbability(risk);
        bool died = rng.Chance(pDeath);
        double losHours = died
            ? OutcomeModel.EarliestDeathHours + rng.LogNormal(OutcomeModel.DeathExcessHoursMedian, OutcomeModel.DeathLogSd)
            : OutcomeModel.ShortestStayHours + Math.Exp(OutcomeModel.SurvivorLogExcessHours(risk) + (OutcomeModel.SurvivorLogSd * rng.Normal()));
        losHours = Math.Min(losHours, 24 * 120);
        DateTime discharge = Minutes.Floor(admit.AddHours(losHours));
        losHours = (discharge - admit).TotalHours;
        if (died)
        {
            body.DeclineUntilDeath(Math.Max(OutcomeModel.EarliestDeathHours, losHours - 36), losHours);
        }

        // The rest of the stay.
        double icuOut = double.PositiveInfinity;
        if (icu)
        {
            icuOut = died && rng.Chance(0.75)
                ? losHours
                : Math.Max(Math.Min(losHours, 48), icuIn + ((losHours - icuIn) * rng.Uniform(0.35, 0.8)));
        }

        vitalClock.IcuOut = icuOut;
        RecordVitals(stay, body, vitalClock, 24, losHours - 0.25, icuIn, rng);
        mornings.RecordUntil(losHours - 1, icuOut, rng);
        stay.Sort();

        var diagnoses = Diagnoses(patient, profile, coded, risk, stay, body, rng);
        var procedures = Procedures(reason, stay, icu, icuIn, intubationHours, losHours, rng);
        var prescriptions = Prescriptions(patient, profile, stay, admit, discharge, icu, rng);
        if (prescriptions.Any(p => p.Drug.Key == "alteplase"))
        {
            procedures.Add(new ProcedureEvent(ProcedureCatalog.Thrombolysis, Minutes.Floor(admit.AddHours(rng.Uniform(1, 3)))));
        }

        procedures.Sort((a, b) => a.Time.CompareTo(b.Time));
        bool medicaid;
        string insurance = age >= 65 ? (rng.Chance(0.9) ? "Medicare" : "Private") : patient.BaseInsurance;
        medicaid = insurance == "Medicaid";
        string dischargeLocation = died ? "DIED" : DischargeLocation(patient, reason, age, losHours / 24, rng);

        ReadmissionRiskFactors? readmissionFactors = null;
        double? pReadmit = null;
        bool? readmitted = null;
        if (!died)
        {
            readmissionFactors = new ReadmissionRiskFactors
            {
                Age = age,
                Conditions = coded,
                Reason = reason,
                PriorAdmissions365 = prior,
                LengthOfStayDays = losHours / 24,
                DischargedToFacility = dischargeLocation is "SKILLED NURSING FACILITY" or "REHAB",
                Medicaid = medicaid,
                LastHemoglobin = stay.Last(Hemoglobin),
                LastSodium = stay.Last(Sodium),
                LastCreatinine = stay.Last(Creatinine),
            };
            pReadmit = OutcomeModel.ReadmissionProbability(readmissionFactors);
            readmitted = rng.Chance(pReadmit.Value);
        }

        var siteIndex = rng.Chance(0.85) ? patient.HomeSiteIndex : rng.Next(setting.Sites.Count);
        var attending = rng.Pick(AttendingPool(profile.Service));
        var admission = new SyntheticAdmission
        {
            Ordinal = ordinal,
            AdmitTime = admit,
            DischargeTime = discharge,
            DeathTime = died ? discharge : null,
            Reason = reason,
            AdmissionType = elective ? "ELECTIVE" : rng.Chance(0.06) ? "URGENT" : "EMERGENCY",
            AdmissionLocation = elective ? "PHYSICIAN REFERRAL" : rng.Chance(0.85) ? "EMERGENCY ROOM" : rng.Chance(0.5) ? "TRANSFER FROM HOSPITAL" : "CLINIC REFERRAL",
            DischargeLocation = dischargeLocation,
            Insurance = insurance,
            SiteIndex = siteIndex,
            AttendingIndex = attending,
            AccountNumber = rng.NextInt64(1_000_000_000L, 9_999_999_999L).ToString(CultureInfo.InvariantCulture),
            Icu = icu ? new IcuStay(CareUnit(profile.Service), Minutes.Floor(admit.AddHours(icuIn)), Minutes.Floor(admit.AddHours(icuOut))) : null,
            Diagnoses = diagnoses,
            Procedures = procedures,
            Prescriptions = prescriptions,
            Labs = stay.Labs,
            Vitals = stay.Vitals,
            Notes = [],
            Truth = new AdmissionTruth
            {
                Severity = severity,
                RiskFactors = risk,
                InHospitalDeathProbability = pDeath,
                InHospitalDeathProbabilityGiven48h = OutcomeModel.MortalityProbabilityGiven48h(risk),
                ExpectedLengthOfStayDays = OutcomeModel.ExpectedLengthOfStayDays(risk),
                LongStayProbability = OutcomeModel.LongStayProbability(risk),
                ReadmissionFactors = readmissionFactors,
                ReadmissionProbability = pReadmit,
                Died = died,
                Readmitted30Days = readmitted,
            },
        };
        admission = admission with { Notes = notes.Compose(patient, admission, rng) };
        return (admission, readmitted);
    }

    private IReadOnlyList<int> AttendingPool(string service) => service switch
    {
        "CMED" => _cardiology ??= [.. setting.ClinicianIndexes("Cardiology")],
        "NMED" => _neurology ??= [.. setting.ClinicianIndexes("Neurology")],
        "ORTHO" => _orthopaedics ??= [.. setting.ClinicianIndexes("Orthopaedic Surgery")],
        "SURG" => _surgery ??= [.. setting.ClinicianIndexes("General Surgery")],
        _ => _medicine ??= [.. setting.ClinicianIndexes("Hospital Medicine")],
    };

    private int[]? _cardiology;
    private int[]? _neurology;
    private int[]? _orthopaedics;
    private int[]? _surgery;
    private int[]? _medicine;

    private static string CareUnit(string service) => service switch
    {
        "CMED" => "CCU",
        "NMED" or "SURG" => "SICU",
        "ORTHO" => "TSICU",
        _ => "MICU",
    };

    /// <summary>
    /// When vital signs are charted: hourly in the ICU during the first 48 hours (ICU status in
    /// that window depends only on the admission time, never on the outcome), 4-hourly on the
    /// ward; after 48 hours 4-hourly in the ICU and 8-hourly on the ward.
    /// </summary>
    private sealed class VitalClock(double icuIn, double firstHours)
    {
        public double Next { get; set; } = firstHours;

        public double IcuOut { get; set; } = double.PositiveInfinity;

        public bool InIcu(double hours) => hours >= icuIn && (hours < 48 || hours < IcuOut);

        public double Step(double hours) => hours < 48 ? (InIcu(hours) ? 1 : 4) : InIcu(hours) ? 4 : 8;
    }

    private static void RecordVitals(StayRecorder stay, Physiology body, VitalClock clock, double fromHours, double untilHours, double icuIn, Random rng)
    {
        while (clock.Next < untilHours)
        {
            double t = clock.Next;
            bool hourly = clock.Step(t) == 1;
            double jittered = t + (t > 1 ? rng.Uniform(-0.2, 0.2) : 0);
            if (!rng.Chance(0.03) && jittered >= fromHours && jittered < untilHours)
            {
                bool temperatureDue = !hourly || ((int)Math.Round(t - icuIn) % 4 == 0);
                RecordVitalSet(stay, body, jittered, hourly && !temperatureDue, rng);
            }

            clock.Next = t + clock.Step(t);
        }
    }

    private static void RecordVitalSet(StayRecorder stay, Physiology body, double hours, bool hourly, Random rng)
    {
        if (!rng.Chance(0.04))
        {
            stay.Vital(HeartRate, hours, body.Measure(HeartRate, hours, rng));
        }

        if (!rng.Chance(0.04))
        {
            double systolic = body.Measure(SystolicBloodPressure, hours, rng);
            stay.Vital(SystolicBloodPressure, hours, systolic);
            stay.Vital(DiastolicBloodPressure, hours, Physiology.MeasureDiastolic(systolic, rng));
        }

        if (!rng.Chance(0.05))
        {
            stay.Vital(RespiratoryRate, hours, body.Measure(RespiratoryRate, hours, rng));
        }

        if (!rng.Chance(0.06))
        {
            stay.Vital(OxygenSaturation, hours, body.Measure(OxygenSaturation, hours, rng));
        }

        if (!hourly && rng.Chance(0.9))
        {
            stay.Vital(Temperature, hours, body.Measure(Temperature, hours, rng));
        }
    }

    /// <summary>Which tests the team orders for this admission; some depend on severity (missing not at random).</summary>
    private sealed class LabOrders(PatientDraft patient, ReasonProfile profile, double severity, bool icu)
    {
        private readonly AdmissionReason _r = profile.Reason;

        public double LactateProbability => Sampling.Logistic(-1.8 + (_r == AdmissionReason.Sepsis ? 2.2 : 0)
            + (_r is AdmissionReason.Pneumonia or AdmissionReason.GastrointestinalBleed or AdmissionReason.DiabeticKetoacidosis or AdmissionReason.Pancreatitis or AdmissionReason.PulmonaryEmbolism ? 1.0 : 0)
            + (0.9 * severity) + (icu ? 0.8 : 0));

        public double TroponinProbability => _r is AdmissionReason.ChestPain or AdmissionReason.Nstemi or AdmissionReason.HeartFailureExacerbation or AdmissionReason.PulmonaryEmbolism
            or AdmissionReason.Syncope or AdmissionReason.AtrialFibrillationRvr or AdmissionReason.IschemicStroke ? 0.9 : 0.2;

        public double BnpProbability => _r is AdmissionReason.HeartFailureExacerbation or AdmissionReason.CopdExacerbation or AdmissionReason.PulmonaryEmbolism
            or AdmissionReason.Pneumonia or AdmissionReason.AtrialFibrillationRvr ? 0.85 : 0.1;

        public double InrProbability => patient.Takes("warfarin") || _r is AdmissionReason.GastrointestinalBleed or AdmissionReason.IschemicStroke or AdmissionReason.PulmonaryEmbolism
            || (patient.StaticConditions & ChronicCondition.Cirrhosis) != 0 ? 0.9 : 0.3;

        public double LiverPanelProbability => (patient.StaticConditions & ChronicCondition.Cirrhosis) != 0 || _r is AdmissionReason.Pancreatitis or AdmissionReason.Sepsis ? 0.9 : 0.35;

        public bool RepeatTroponin => _r is AdmissionReason.ChestPain or AdmissionReason.Nstemi;
    }

    private static void RecordAdmissionLabs(StayRecorder stay, Physiology body, LabOrders orders, PatientDraft patient, double t, int age, Random rng)
    {
        if (rng.Chance(0.97))
        {
            RecordPanel(stay, body, MetabolicPanel, t, patient, age, rng);
        }

        if (rng.Chance(0.95))
        {
            RecordPanel(stay, body, BloodCount, t, patient, age, rng);
        }

        if (rng.Chance(orders.LactateProbability))
        {
            double lactate = stay.Lab(Lactate, t, body.Measure(Lactate, t, rng));
            if (lactate > 2 && rng.Chance(0.85))
            {
                double repeat = t + rng.Uniform(3, 6);
                stay.Lab(Lactate, repeat, body.Measure(Lactate, repeat, rng));
            }
        }

        if (rng.Chance(orders.TroponinProbability))
        {
            RecordTroponin(stay, body, t, rng);
            if (orders.RepeatTroponin && rng.Chance(0.9))
            {
                RecordTroponin(stay, body, t + rng.Uniform(5, 7), rng);
            }
        }

        if (rng.Chance(orders.BnpProbability))
        {
            stay.Lab(Bnp, t, body.Measure(Bnp, t, rng));
        }

        if (rng.Chance(orders.InrProbability))
        {
            stay.Lab(Inr, t, body.Measure(Inr, t, rng));
        }

        if (rng.Chance(orders.LiverPanelProbability))
        {
            stay.Lab(Bilirubin, t, body.Measure(Bilirubin, t, rng));
            stay.Lab(Albumin, t, body.Measure(Albumin, t, rng));
        }

        if (patient.HbA1c is not null && rng.Chance(0.5))
        {
            stay.Lab(HbA1c, t, body.Measure(HbA1c, t, rng));
        }
    }

    private static void RecordTroponin(StayRecorder stay, Physiology body, double t, Random rng)
    {
        double value = body.Measure(TroponinI, t, rng);
        if (value < 0.01)
        {
            stay.CensoredLab(TroponinI, t, 0.01);
        }
        else
        {
            stay.Lab(TroponinI, t, value);
        }
    }

    /// <summary>A panel at one time; the metabolic panel also reports urea nitrogen and eGFR from its creatinine.</summary>
    private static void RecordPanel(StayRecorder stay, Physiology body, Analyte[] panel, double t, PatientDraft patient, int age, Random rng)
    {
        foreach (var analyte in panel)
        {
            double value = body.Measure(analyte, t, rng);
            stay.Lab(analyte, t, value);
            if (analyte == Creatinine)
            {
                stay.Lab(UreaNitrogen, t, body.MeasureUreaNitrogen(value, t, rng));
                stay.Lab(Egfr, t, Sampling.Quantize(Math.Clamp(CkdEpi.Egfr(value, age, patient.Female), 2, 150), 0));
            }
        }
    }

    /// <summary>Morning labs at about 05:00 on each calendar day after admission, recorded in two passes around the outcome draw.</summary>
    private sealed class MorningLabs(StayRecorder stay, Physiology body, LabOrders orders, PatientDraft patient, int age, double panelHours, double icuIn)
    {
        private DateTime _next = stay.Admit.Date.AddDays(1).AddHours(5);
        private double? _pending;

        /// <summary>Records every morning whose draw time is before <paramref name="untilHours"/>.</summary>
        public void RecordUntil(double untilHours, double icuOut, Random rng)
        {
            while (true)
            {
                double t = _pending ?? (_next - stay.Admit).TotalHours + rng.Uniform(0, 1.5);
                if (t >= untilHours)
                {
                    _pending = t;
                    return;
                }

                _pending = null;
                _next = _next.AddDays(1);
                if (t < panelHours + 4)
                {
                    continue;
                }

                bool inIcu = t >= icuIn && t < icuOut;
                if (rng.Chance(inIcu ? 0.95 : 0.85))
                {
                    RecordPanel(stay, body, MetabolicPanel, t, patient, age, rng);
                }

                if (rng.Chance(inIcu ? 0.9 : 0.8))
                {
                    RecordPanel(stay, body, BloodCount, t, patient, age, rng);
                }

                if (inIcu && stay.Last(Lactate) is > 2 && rng.Chance(0.8))
                {
                    stay.Lab(Lactate, t, body.Measure(Lactate, t, rng));
                }

                if (rng.Chance(orders.LiverPanelProbability * 0.2))
                {
                    stay.Lab(Bilirubin, t, body.Measure(Bilirubin, t, rng));
                    stay.Lab(Albumin, t, body.Measure(Albumin, t, rng));
                }
            }
        }
    }

    private static List<ClinicalCode> Diagnoses(PatientDraft patient, ReasonProfile profile, ChronicCondition coded, AdmissionRiskFactors first, StayRecorder stay, Physiology body, Random rng)
    {
        var codes = new List<ClinicalCode>();
        var principal = profile.Codes.Count == 1 ? profile.Codes[0]
            : profile.Reason == AdmissionReason.HeartFailureExacerbation ? profile.Codes[patient.HeartFailureReduced ? 0 : 1]
            : profile.Codes[rng.Next(profile.Codes.Count)];
        codes.Add(principal);

        // Acute secondary codes follow what the first 24 hours recorded, so they reveal nothing beyond it.
        if (profile.Reason == AdmissionReason.Sepsis)
        {
            if (first.SystolicMin is < 90)
            {
                codes.Add(AcuteDiagnoses.SepticShock);
            }
            else if (first.LactateMax is > 2)
            {
                codes.Add(AcuteDiagnoses.SevereSepsis);
            }
        }

        if (first.OxygenSaturationMin is < 88)
        {
            codes.Add(AcuteDiagnoses.HypoxicRespiratoryFailure);
        }

        if (first.SodiumMin is < 130)
        {
            codes.Add(AcuteDiagnoses.Hyponatremia);
        }

        if (stay.Max(Potassium, 24) is > 5.5)
        {
            codes.Add(AcuteDiagnoses.Hyperkalemia);
        }

        double? hemoglobinMin = stay.Min(Hemoglobin, 24);
        if (hemoglobinMin is < 10)
        {
            codes.Add(profile.Reason == AdmissionReason.GastrointestinalBleed ? AcuteDiagnoses.PosthemorrhagicAnemia : AcuteDiagnoses.Anemia);
        }

        if (profile.Reason != AdmissionReason.AcuteKidneyInjury && first.CreatinineMax >= 1.5 * body.BaselineCreatinine && first.CreatinineMax >= 1.3)
        {
            codes.Add(AcuteDiagnoses.AcuteKidneyInjury);
        }

        if (profile.Reason is AdmissionReason.DiabeticKetoacidosis or AdmissionReason.AcuteKidneyInjury && rng.Chance(0.6))
        {
            codes.Add(AcuteDiagnoses.Dehydration);
        }

        bool principalIsDiabetes = principal.Code.StartsWith("E11", StringComparison.Ordinal);
        foreach (var condition in ConditionCatalog.In(coded))
        {
            var code = condition.Condition switch
            {
                ChronicCondition.AtrialFibrillation when principal == condition.Code => null,
                ChronicCondition.HeartFailure when profile.Reason == AdmissionReason.HeartFailureExacerbation => null,
                ChronicCondition.HeartFailure => patient.HeartFailureReduced ? ConditionCatalog.HeartFailureSystolic : ConditionCatalog.HeartFailureDiastolic,
                ChronicCondition.ChronicKidneyDisease => ConditionCatalog.CkdCode(patient.LatentEgfr(stay.Admit)) ?? ConditionCatalog.CkdStage3a,
                ChronicCondition.Diabetes => (coded & ChronicCondition.ChronicKidneyDisease) != 0 ? ConditionCatalog.DiabetesWithCkd : condition.Code,
                ChronicCondition.Cancer => patient.CancerCode ?? condition.Code,
                _ => condition.Code,
            };
            if (condition.Condition == ChronicCondition.Diabetes && principalIsDiabetes)
            {
                code = (coded & ChronicCondition.ChronicKidneyDisease) != 0 ? ConditionCatalog.DiabetesWithCkd : null;
            }

            if (condition.Condition == ChronicCondition.Cancer && profile.Reason == AdmissionReason.Colectomy)
            {
                code = null;
            }

            if (code is not null && !codes.Contains(code))
            {
                codes.Add(code);
            }
        }

        if (patient.Smoking == SmokingStatus.Current)
        {
            codes.Add(ConditionCatalog.CurrentSmoker);
        }
        else if (patient.Smoking == SmokingStatus.Former && rng.Chance(0.6))
        {
            codes.Add(ConditionCatalog.FormerSmoker);
        }

        if (patient.HomeMedications.Any(k => DrugCatalog.IsAnticoagulant(DrugCatalog.Get(k))))
        {
            codes.Add(ConditionCatalog.LongTermAnticoagulant);
        }

        if (patient.InsulinTreated)
        {
            codes.Add(ConditionCatalog.LongTermInsulin);
        }

        return codes;
    }

    private static List<ProcedureEvent> Procedures(AdmissionReason reason, StayRecorder stay, bool icu, double icuIn, double intubationHours, double losHours, Random rng)
    {
        var events = new List<ProcedureEvent>();
        void Add(ClinicalCode code, double hours)
        {
            if (hours < losHours)
            {
                events.Add(new ProcedureEvent(code, Minutes.Floor(stay.Admit.AddHours(hours))));
            }
        }

        if (!double.IsInfinity(intubationHours))
        {
            Add(ProcedureCatalog.Intubation, intubationHours);
        }

        if (icu && stay.Min(SystolicBloodPressure, 24) is < 90 && rng.Chance(0.8))
        {
            Add(ProcedureCatalog.CentralLine, icuIn + rng.Uniform(0.5, 4));
        }

        if (reason is AdmissionReason.Sepsis or AdmissionReason.Pneumonia or AdmissionReason.HeartFailureExacerbation or AdmissionReason.CopdExacerbation
            or AdmissionReason.PulmonaryEmbolism or AdmissionReason.Nstemi && rng.Chance(0.9))
        {
            Add(ProcedureCatalog.ChestXray, rng.Uniform(0.3, 3));
        }

        double ctProbability = reason switch
        {
            AdmissionReason.IschemicStroke => 0.98,
            AdmissionReason.Syncope => 0.5,
            AdmissionReason.HipFracture => 0.3,
            _ => 0.03,
        };
        if (rng.Chance(ctProbability))
        {
            Add(ProcedureCatalog.HeadCt, rng.Uniform(0.3, 3));
        }

        double echoProbability = reason switch
        {
            AdmissionReason.Nstemi => 0.8,
            AdmissionReason.HeartFailureExacerbation => 0.7,
            AdmissionReason.IschemicStroke or AdmissionReason.AtrialFibrillationRvr => 0.6,
            AdmissionReason.PulmonaryEmbolism => 0.5,
            AdmissionReason.Syncope => 0.4,
            _ => 0.05,
        };
        if (rng.Chance(echoProbability))
        {
            Add(ProcedureCatalog.Echocardiogram, rng.Uniform(4, 40));
        }

        switch (reason)
        {
            case AdmissionReason.Nstemi when rng.Chance(0.7):
                double cath = rng.Uniform(12, 40);
                Add(ProcedureCatalog.LeftHeartCath, cath);
                Add(ProcedureCatalog.CoronaryAngiography, cath);
                if (rng.Chance(0.6))
                {
                    Add(ProcedureCatalog.CoronaryStent, cath + 0.5);
                }

                break;
            case AdmissionReason.GastrointestinalBleed when rng.Chance(0.85):
                Add(ProcedureCatalog.UpperEndoscopy, rng.Uniform(4, 22));
                break;
            case AdmissionReason.HipFracture when rng.Chance(0.9):
                Add(rng.Chance(0.5) ? ProcedureCatalog.RightHipFixation : ProcedureCatalog.LeftHipFixation, rng.Uniform(12, 36));
                break;
            case AdmissionReason.KneeReplacement:
                Add(rng.Chance(0.5) ? ProcedureCatalog.RightKneeReplacement : ProcedureCatalog.LeftKneeReplacement, rng.Uniform(2, 4));
                break;
            case AdmissionReason.Colectomy:
                Add(ProcedureCatalog.SigmoidResection, rng.Uniform(2, 4));
                break;
        }

        if (stay.Min(Hemoglobin, 24) is < 7.5 && rng.Chance(0.9))
        {
            Add(ProcedureCatalog.RedCellTransfusion, rng.Uniform(3, 12));
        }

        if ((reason == AdmissionReason.AcuteKidneyInjury && (stay.Max(Potassium, 24) > 6 || stay.Max(Creatinine, 24) > 6) && rng.Chance(0.7))
            || (stay.Max(Creatinine, 24) > 7 && rng.Chance(0.5)))
        {
            Add(ProcedureCatalog.Hemodialysis, rng.Uniform(6, 30));
        }

        return events;
    }

    private static List<Prescription> Prescriptions(PatientDraft patient, ReasonProfile profile, StayRecorder stay, DateTime admit, DateTime discharge, bool icu, Random rng)
    {
        var list = new List<Prescription>();
        var given = new HashSet<string>(StringComparer.Ordinal);
        void Give(string key, bool home, double startHours, double days)
        {
            key = Substitute(patient, key);
            if (!given.Add(key))
            {
                return;
            }

            var start = Minutes.Floor(admit.AddHours(startHours));
            var end = Minutes.Floor(start.AddDays(days));
            if (end > discharge)
            {
                end = discharge;
            }

            if (start < discharge)
            {
                list.Add(new Prescription(DrugCatalog.Get(key), start, end, home));
            }
        }

        foreach (var key in patient.HomeMedications)
        {
            if (rng.Chance(0.85))
            {
                Give(key, true, rng.Uniform(1, 6), 365);
            }
        }

        foreach (var treatment in profile.Treatments)
        {
            if (rng.Chance(treatment.Probability))
            {
                Give(treatment.DrugKey, false, rng.Uniform(0.3, 6), rng.Uniform(2, 7));
            }
        }

        if (icu && stay.Min(SystolicBloodPressure, 24) is < 85 && rng.Chance(0.85))
        {
            Give("norepinephrine", false, rng.Uniform(1, 8), rng.Uniform(1, 3));
        }

        if (stay.Min(Potassium, 24) is < 3.5 && rng.Chance(0.9))
        {
            Give("potassium_chloride", false, rng.Uniform(2, 10), 1);
        }

        bool anticoagulated = given.Any(k => DrugCatalog.IsAnticoagulant(DrugCatalog.Get(k))) || given.Contains("heparin");
        if (!anticoagulated && profile.Reason is not AdmissionReason.GastrointestinalBleed)
        {
            double u = rng.NextDouble();
            if (u < 0.55)
            {
                Give(patient.LatentEgfr(admit) < 30 ? "heparin" : "enoxaparin", false, rng.Uniform(4, 12), 30);
            }
            else if (u < 0.85)
            {
                Give("heparin", false, rng.Uniform(4, 12), 30);
            }
        }

        if (rng.Chance(0.5))
        {
            Give("acetaminophen", false, rng.Uniform(1, 20), rng.Uniform(1, 5));
        }

        if (rng.Chance(0.3))
        {
            Give("ondansetron", false, rng.Uniform(1, 20), rng.Uniform(1, 3));
        }

        if (rng.Chance(icu ? 0.7 : 0.25))
        {
            Give("pantoprazole", false, rng.Uniform(2, 12), 30);
        }

        list.Sort((a, b) => a.Start.CompareTo(b.Start));
        return list;
    }

    /// <summary>Allergy-driven substitutions: no penicillins or cephalosporins for a penicillin allergy.</summary>
    internal static string Substitute(PatientDraft patient, string key) => patient.PenicillinAllergy
        ? key switch
        {
            "piperacillin_tazobactam" => "levofloxacin",
            "cefazolin" => "vancomycin",
            "ceftriaxone" => "levofloxacin",
            _ => key,
        }
        : key;

    private static string DischargeLocation(PatientDraft patient, AdmissionReason reason, int age, double days, Random rng)
    {
        double facility = -2.6 + (0.05 * (age - 65)) + ((patient.StaticConditions & ChronicCondition.Dementia) != 0 ? 1.0 : 0)
            + (reason == AdmissionReason.HipFracture ? 1.8 : 0) + (reason == AdmissionReason.IschemicStroke ? 1.2 : 0)
            + (reason == AdmissionReason.KneeReplacement ? 0.3 : 0) + (0.08 * Math.Min(days, 30));
        if (rng.Chance(Sampling.Logistic(facility)))
        {
            return rng.Chance(0.7) ? "SKILLED NURSING FACILITY" : "REHAB";
        }

        return rng.Chance(age > 70 ? 0.35 : 0.15) ? "HOME HEALTH CARE" : "HOME";
    }
}
