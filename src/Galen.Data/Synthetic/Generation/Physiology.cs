using Galen.Data.Synthetic.Catalog;
using static Galen.Data.Synthetic.Catalog.Analyte;

namespace Galen.Data.Synthetic.Generation;

/// <summary>
/// The physiology of one admission: a baseline per analyte (from the patient's chronic state),
/// the admission reason's acute shift scaled by severity and fading over the stay, an optional
/// terminal decline before an in-hospital death (never earlier than 48 h after admission),
/// and measurement noise. Values are rounded to the decimals they are written with.
/// </summary>
internal sealed class Physiology
{
    private static readonly int Count = Enum.GetValues<Analyte>().Length;

    private readonly double[] _baseline = new double[Count];
    private readonly double[] _shift = new double[Count];
    private readonly double[] _terminal = new double[Count];
    private double _intubationHours = double.PositiveInfinity;
    private double _terminalStart = double.PositiveInfinity;
    private double _terminalEnd = double.PositiveInfinity;

    public Physiology(PatientDraft patient, DateTime admitTime, ReasonProfile reason, double severity, Random rng)
    {
        var conditions = patient.ConditionsAt(admitTime);
        bool Has(ChronicCondition c) => (conditions & c) != 0;
        int age = patient.AgeAt(admitTime);
        double egfr = patient.LatentEgfr(admitTime);
        bool ckdAdvanced = egfr < 30;
        bool betaBlocker = patient.Takes("metoprolol") || patient.Takes("carvedilol");

        Set(HeartRate, 78 + (Has(ChronicCondition.AtrialFibrillation) ? 6 : 0) - (betaBlocker ? 6 : 0) + (Has(ChronicCondition.Copd) ? 4 : 0) + rng.Normal(0, 6));
        Set(SystolicBloodPressure, 122 + (Has(ChronicCondition.Hypertension) ? 12 : 0) + (0.25 * (age - 60)) + rng.Normal(0, 10));
        Set(DiastolicBloodPressure, 0);
        Set(RespiratoryRate, 16 + rng.Normal(0, 1.5));
        Set(OxygenSaturation, 97 - (Has(ChronicCondition.Copd) ? 4 : 0) - (Has(ChronicCondition.HeartFailure) ? 1 : 0) + rng.Normal(0, 0.8));
        Set(Temperature, 36.8 + rng.Normal(0, 0.15));
        Set(Sodium, 139 + rng.Normal(0, 2) - (Has(ChronicCondition.Cirrhosis) ? 4 : 0) - (Has(ChronicCondition.HeartFailure) ? 1.5 : 0));
        Set(Potassium, 4.2 + rng.Normal(0, 0.25) + (ckdAdvanced ? 0.4 : egfr < 60 ? 0.2 : 0) + (patient.Takes("spironolactone") || patient.Takes("lisinopril") ? 0.15 : 0));
        Set(Bicarbonate, 25 + rng.Normal(0, 1.5) + (Has(ChronicCondition.Copd) ? 3 : 0) - (ckdAdvanced ? 3 : 0));
        Set(Creatinine, CkdEpi.Creatinine(egfr, age, patient.Female));
        Set(UreaNitrogen, 0);
        double? hba1c = patient.LatentHbA1c(admitTime);
        Set(Glucose, hba1c is { } a1c ? (28.7 * a1c) - 46.7 + rng.Normal(0, 25) : 100 + rng.Normal(0, 12));
        Set(WhiteBloodCells, 7.5 + rng.Normal(0, 1.5));
        Set(Hemoglobin, (patient.Female ? 13.0 : 14.3) - (ckdAdvanced ? 2.0 : egfr < 60 ? 0.8 : 0) - (Has(ChronicCondition.Cancer) ? 1.2 : 0) - (Has(ChronicCondition.Cirrhosis) ? 1.2 : 0) + rng.Normal(0, 0.8));
        Set(Platelets, Math.Max(30, 250 - (Has(ChronicCondition.Cirrhosis) ? 130 : 0) + rng.Normal(0, 50)));
        Set(Lactate, 1.1 + (Has(ChronicCondition.Cirrhosis) ? 0.4 : 0) + rng.Normal(0, 0.15));
        Set(TroponinI, 0.008 * Math.Exp(rng.Normal(0, 0.3)) * (egfr < 60 ? 1.8 : 1));
        Set(Bnp, 40 * (1 + (Math.Max(0, age - 50) / 40.0)) * (Has(ChronicCondition.HeartFailure) ? 8 : 1) * (Has(ChronicCondition.AtrialFibrillation) ? 1.6 : 1) * (egfr < 60 ? 1.5 : 1) * Math.Exp(rng.Normal(0, 0.35)));
        Set(Inr, patient.Takes("warfarin") ? 2.5 + rng.Normal(0, 0.4) : Has(ChronicCondition.Cirrhosis) ? 1.6 + rng.Normal(0, 0.2) : 1.0 + rng.Normal(0, 0.06));
        Set(Bilirubin, 0.6 + rng.Normal(0, 0.15) + (Has(ChronicCondition.Cirrhosis) ? 2.0 * Math.Exp(rng.Normal(0, 0.4)) : 0));
        Set(Albumin, 3.9 + rng.Normal(0, 0.3) - (Has(ChronicCondition.Cirrhosis) ? 1.0 : 0) - (Has(ChronicCondition.Cancer) ? 0.4 : 0) - (age > 80 ? 0.2 : 0));
        Set(HbA1c, hba1c ?? 5.4);
        Set(LdlCholesterol, 110 + rng.Normal(0, 25) - (patient.Takes("atorvastatin") || patient.Takes("simvastatin") ? 35 : 0));

        bool hypothermic = reason.Reason == AdmissionReason.Sepsis && rng.Chance(0.1);
        bool leukopenic = reason.Reason == AdmissionReason.Sepsis && rng.Chance(0.1);
        foreach (var shift in reason.Shifts)
        {
            double value = shift.Fixed + (shift.PerSeverity * severity);
            if (shift.Analyte == Temperature && hypothermic)
            {
                value = -0.9 * severity;
            }
            else if (shift.Analyte == WhiteBloodCells && leukopenic)
            {
                value = -0.6 * _baseline[(int)WhiteBloodCells];
            }

            _shift[(int)shift.Analyte] = value;
        }
    }

    /// <summary>Airway secured at this hour: oxygenation and breathing rate follow the ventilator afterwards.</summary>
    public void Intubate(double hours) => _intubationHours = hours;

    /// <summary>Terminal decline from <paramref name="startHours"/> to death at <paramref name="deathHours"/>.</summary>
    public void DeclineUntilDeath(double startHours, double deathHours)
    {
        _terminalStart = startHours;
        _terminalEnd = deathHours;
        _terminal[(int)HeartRate] = 35;
        _terminal[(int)SystolicBloodPressure] = -40;
        _terminal[(int)OxygenSaturation] = -10;
        _terminal[(int)RespiratoryRate] = 8;
        _terminal[(int)Temperature] = -0.6;
        _terminal[(int)Lactate] = 1.2;
        _terminal[(int)Creatinine] = 0.4;
        _terminal[(int)Potassium] = 0.8;
        _terminal[(int)Bicarbonate] = -6;
    }

    /// <summary>Baseline creatinine (chronic), for coding acute kidney injury.</summary>
    public double BaselineCreatinine => _baseline[(int)Creatinine];

    /// <summary>A measured value at <paramref name="hours"/> after admission, rounded as written.</summary>
    public double Measure(Analyte analyte, double hours, Random rng)
    {
        int i = (int)analyte;
        double fade = hours < 6 ? 1 : Math.Exp(-(hours - 6) / FadeHours(analyte));
        double shift = _shift[i] * fade;
        double terminal = hours > _terminalStart ? _terminal[i] * Math.Min(1, (hours - _terminalStart) / (_terminalEnd - _terminalStart)) : 0;
        if (hours >= _intubationHours)
        {
            if (analyte == OxygenSaturation)
            {
                shift *= 0.3;
            }
            else if (analyte == RespiratoryRate)
            {
                shift = 0;
            }
        }

        double value = ReasonCatalog.IsLogScale(analyte)
            ? _baseline[i] * Math.Exp(shift + terminal + rng.Normal(0, LogNoise(analyte)))
            : _baseline[i] + shift + terminal + rng.Normal(0, Noise(analyte));
        var (low, high) = Range(analyte);
        return Sampling.Quantize(Math.Clamp(value, low, high), AnalyteCatalog.Get(analyte).Decimals);
    }

    /// <summary>Diastolic pressure measured with a systolic one.</summary>
    public static double MeasureDiastolic(double systolic, Random rng) =>
        Sampling.Quantize(Math.Clamp((0.45 * systolic) + 18 + rng.Normal(0, 5), 20, Math.Min(140, systolic - 10)), 0);

    /// <summary>Urea nitrogen drawn with a creatinine, following it and the reason's own shift.</summary>
    public double MeasureUreaNitrogen(double creatinine, double hours, Random rng)
    {
        double fade = hours < 6 ? 1 : Math.Exp(-(hours - 6) / FadeHours(UreaNitrogen));
        double value = (14 * Math.Pow(creatinine, 0.75)) + (_shift[(int)UreaNitrogen] * fade) + rng.Normal(0, 2);
        var (low, high) = Range(UreaNitrogen);
        return Sampling.Quantize(Math.Clamp(value, low, high), 0);
    }

    private void Set(Analyte analyte, double value) => _baseline[(int)analyte] = value;

    private static double FadeHours(Analyte analyte) => analyte switch
    {
        Hemoglobin => 120,
        Creatinine or UreaNitrogen => 60,
        Bnp or TroponinI => 72,
        Glucose or Bicarbonate => 18,
        _ when AnalyteCatalog.Get(analyte).IsVitalSign => 30,
        _ => 40,
    };

    private static double Noise(Analyte analyte) => analyte switch
    {
        HeartRate => 5,
        SystolicBloodPressure => 8,
        RespiratoryRate => 1.5,
        OxygenSaturation => 1.0,
        Temperature => 0.2,
        Sodium => 1.2,
        Potassium => 0.15,
        Bicarbonate => 1.0,
        Glucose => 12,
        WhiteBloodCells => 0.5,
        Hemoglobin => 0.3,
        Platelets => 15,
        Inr => 0.05,
        Bilirubin => 0.05,
        Albumin => 0.1,
        HbA1c => LabTrajectoryModel.HbA1cNoiseSd,
        LdlCholesterol => 8,
        _ => 0,
    };

    private static double LogNoise(Analyte analyte) => analyte switch
    {
        Creatinine => 0.04,
        Lactate => 0.08,
        TroponinI => 0.10,
        Bnp => 0.10,
        _ => 0,
    };

    /// <summary>Physiological limits; values are clamped into them.</summary>
    public static (double Low, double High) Range(Analyte analyte) => analyte switch
    {
        HeartRate => (25, 220),
        SystolicBloodPressure => (50, 240),
        DiastolicBloodPressure => (20, 140),
        RespiratoryRate => (6, 50),
        OxygenSaturation => (60, 100),
        Temperature => (33, 42),
        Sodium => (110, 170),
        Potassium => (2.0, 8.5),
        Bicarbonate => (5, 45),
        UreaNitrogen => (2, 200),
        Creatinine => (0.3, 15),
        Egfr => (2, 150),
        Glucose => (20, 1200),
        WhiteBloodCells => (0.3, 80),
        Hemoglobin => (4, 20),
        Platelets => (5, 900),
        Lactate => (0.3, 20),
        TroponinI => (0.001, 100),
        Bnp => (5, 35000),
        Inr => (0.8, 10),
        Bilirubin => (0.1, 30),
        Albumin => (1.0, 5.5),
        HbA1c => (4.5, 16),
        LdlCholesterol => (20, 300),
        _ => (double.MinValue, double.MaxValue),
    };
}
