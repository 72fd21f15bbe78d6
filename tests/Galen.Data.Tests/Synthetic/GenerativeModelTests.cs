using Galen.Data.Synthetic.Catalog;
using Galen.Data.Synthetic.Model;

namespace Galen.Data.Tests.Synthetic;

/// <summary>Rates, prevalences and the agreement between ground-truth risks and drawn outcomes.</summary>
public sealed class GenerativeModelTests(InMemoryHospital hospital) : IClassFixture<InMemoryHospital>
{
    /// <summary>Rank AUROC (Mann–Whitney), independent of Galen.Evaluation.</summary>
    private static double Auroc(IReadOnlyList<bool> labels, IReadOnlyList<double> scores)
    {
        var order = Enumerable.Range(0, labels.Count).OrderBy(i => scores[i]).ToArray();
        double rankSum = 0;
        long positives = 0;
        for (int r = 0; r < order.Length; r++)
        {
            if (labels[order[r]])
            {
                rankSum += r + 1;
                positives++;
            }
        }

        long negatives = labels.Count - positives;
        return (rankSum - (positives * (positives + 1) / 2.0)) / (positives * (double)negatives);
    }

    [Fact]
    public void In_hospital_mortality_is_realistic_and_matches_the_true_risks()
    {
        var admissions = hospital.Admissions.ToList();
        double rate = admissions.Count(a => a.DiedInHospital) / (double)admissions.Count;
        double meanRisk = admissions.Average(a => a.Truth.InHospitalDeathProbability);
        double se = Math.Sqrt(meanRisk * (1 - meanRisk) / admissions.Count);

        Assert.InRange(rate, 0.08, 0.15);
        Assert.InRange(rate - meanRisk, -4 * se, 4 * se);
        double auroc = Auroc(admissions.Select(a => a.DiedInHospital).ToList(), admissions.Select(a => a.Truth.InHospitalDeathProbability).ToList());
        Assert.InRange(auroc, 0.78, 0.95);

        // Calibration by risk decile: observed deaths within 4 standard errors of predicted in each.
        foreach (var decile in admissions.OrderBy(a => a.Truth.InHospitalDeathProbability).Chunk(admissions.Count / 10))
        {
            double expected = decile.Sum(a => a.Truth.InHospitalDeathProbability);
            double variance = decile.Sum(a => a.Truth.InHospitalDeathProbability * (1 - a.Truth.InHospitalDeathProbability));
            double observed = decile.Count(a => a.DiedInHospital);
            Assert.True(Math.Abs(observed - expected) <= (4 * Math.Sqrt(variance)) + 1, $"decile expected {expected:F1} deaths, observed {observed}");
        }
    }

    [Fact]
    public void Thirty_day_readmission_matches_its_true_risk_and_the_next_admission()
    {
        var discharged = hospital.Patients.SelectMany(p => p.Admissions.Select((a, k) => (Patient: p, Admission: a, K: k))).Where(x => !x.Admission.DiedInHospital).ToList();
        double rate = discharged.Count(x => x.Admission.Truth.Readmitted30Days == true) / (double)discharged.Count;
        double meanRisk = discharged.Average(x => x.Admission.Truth.ReadmissionProbability!.Value);
        double se = Math.Sqrt(meanRisk * (1 - meanRisk) / discharged.Count);
        Assert.InRange(rate, 0.10, 0.20);
        Assert.InRange(rate - meanRisk, -4 * se, 4 * se);
        Assert.InRange(Auroc(discharged.Select(x => x.Admission.Truth.Readmitted30Days == true).ToList(), discharged.Select(x => x.Admission.Truth.ReadmissionProbability!.Value).ToList()), 0.6, 0.9);

        foreach (var (patient, admission, k) in discharged)
        {
            var next = k + 1 < patient.Admissions.Count ? patient.Admissions[k + 1] : null;
            bool within30 = next is not null && (next.AdmitTime - admission.DischargeTime).TotalDays <= 30;
            Assert.Equal(admission.Truth.Readmitted30Days, within30);
            if (next is not null)
            {
                Assert.True(next.AdmitTime > admission.DischargeTime);
            }
        }
    }

    [Fact]
    public void Stays_and_deaths_respect_the_observation_windows_the_model_promises()
    {
        foreach (var a in hospital.Admissions)
        {
            double hours = (a.DischargeTime - a.AdmitTime).TotalHours;
            Assert.True(hours >= 24, $"stay of {hours:F1} h");
            if (a.DiedInHospital)
            {
                Assert.True(hours >= 48, $"death at {hours:F1} h");
                Assert.Equal("DIED", a.DischargeLocation);
            }

            Assert.All(a.Vitals.Concat(a.Labs), m => Assert.InRange(m.Time, a.AdmitTime, a.DischargeTime));
        }

        double meanStay = hospital.Admissions.Average(a => (a.DischargeTime - a.AdmitTime).TotalDays);
        Assert.InRange(meanStay, 3, 8);
        double expected = hospital.Admissions.Average(a => a.Truth.ExpectedLengthOfStayDays);
        Assert.InRange(meanStay - expected, -0.4, 0.4);
        // Among stays of at least 48 hours the conditional risk is calibrated too.
        var long48 = hospital.Admissions.Where(a => (a.DischargeTime - a.AdmitTime).TotalHours >= 48).ToList();
        double expected48 = long48.Average(a => a.Truth.InHospitalDeathProbabilityGiven48h);
        double se48 = Math.Sqrt(expected48 * (1 - expected48) / long48.Count);
        Assert.InRange((long48.Count(a => a.DiedInHospital) / (double)long48.Count) - expected48, -4 * se48, 4 * se48);

        double longStays = hospital.Admissions.Count(a => (a.DischargeTime - a.AdmitTime).TotalDays > 7) / (double)hospital.Admissions.Count();
        Assert.InRange(longStays - hospital.Admissions.Average(a => a.Truth.LongStayProbability), -0.03, 0.03);
    }

    [Theory]
    [InlineData(ChronicCondition.Hypertension, 0.40, 0.75)]
    [InlineData(ChronicCondition.Diabetes, 0.25, 0.45)]
    [InlineData(ChronicCondition.HeartFailure, 0.10, 0.30)]
    [InlineData(ChronicCondition.Copd, 0.05, 0.20)]
    [InlineData(ChronicCondition.ChronicKidneyDisease, 0.15, 0.45)]
    [InlineData(ChronicCondition.AtrialFibrillation, 0.05, 0.25)]
    [InlineData(ChronicCondition.Dementia, 0.02, 0.10)]
    public void Chronic_conditions_have_inpatient_like_prevalence(ChronicCondition condition, double low, double high) =>
        Assert.InRange(hospital.Summary.Prevalence(condition), low, high);

    [Fact]
    public void Conditions_follow_age()
    {
        var old = hospital.Patients.Where(p => p.AgeAt(p.IndexTime) >= 75).ToList();
        var young = hospital.Patients.Where(p => p.AgeAt(p.IndexTime) < 50).ToList();
        foreach (var condition in new[] { ChronicCondition.HeartFailure, ChronicCondition.AtrialFibrillation, ChronicCondition.Dementia, ChronicCondition.Hypertension })
        {
            double oldRate = old.Count(p => (p.Conditions & condition) != 0) / (double)old.Count;
            double youngRate = young.Count(p => (p.Conditions & condition) != 0) / (double)young.Count;
            Assert.True(oldRate > youngRate * 1.5, $"{condition}: {oldRate:P0} at 75+ vs {youngRate:P0} under 50");
        }

        Assert.Contains(hospital.Patients, p => p.AgeAt(p.IndexTime) > 89);
    }

    [Fact]
    public void Labs_are_driven_by_disease()
    {
        var diabetics = hospital.Patients.Where(p => p.HbA1c is not null).ToList();
        var hba1c = diabetics.SelectMany(p => p.OutpatientLabs).Where(m => m.Analyte == Analyte.HbA1c).Average(m => m.Value);
        Assert.InRange(hba1c, 6.8, 9.5);
        Assert.DoesNotContain(hospital.Patients.Where(p => p.HbA1c is null).SelectMany(p => p.Admissions.SelectMany(a => a.Labs).Concat(p.OutpatientLabs)), m => m.Analyte == Analyte.HbA1c);

        double FirstCreatinine(SyntheticAdmission a) => a.Labs.FirstOrDefault(m => m.Analyte == Analyte.Creatinine) is { Analyte: Analyte.Creatinine } m ? m.Value : double.NaN;
        var withCkd = hospital.Admissions.Where(a => (a.Truth.RiskFactors.Conditions & ChronicCondition.ChronicKidneyDisease) != 0 && a.Reason != AdmissionReason.AcuteKidneyInjury).Select(FirstCreatinine).Where(v => !double.IsNaN(v)).ToList();
        var without = hospital.Admissions.Where(a => (a.Truth.RiskFactors.Conditions & ChronicCondition.ChronicKidneyDisease) == 0 && a.Reason != AdmissionReason.AcuteKidneyInjury).Select(FirstCreatinine).Where(v => !double.IsNaN(v)).ToList();
        Assert.True(withCkd.Average() > without.Average() + 0.4, $"creatinine {withCkd.Average():F2} with CKD vs {without.Average():F2} without");

        double FirstBnp(AdmissionReason reason) => hospital.Admissions.Where(a => a.Reason == reason).SelectMany(a => a.Labs.Where(m => m.Analyte == Analyte.Bnp).Take(1)).Average(m => m.Value);
        Assert.True(FirstBnp(AdmissionReason.HeartFailureExacerbation) > 3 * FirstBnp(AdmissionReason.Pneumonia));

        double FirstWbc(AdmissionReason reason) => hospital.Admissions.Where(a => a.Reason == reason).SelectMany(a => a.Labs.Where(m => m.Analyte == Analyte.WhiteBloodCells).Take(1)).Average(m => m.Value);
        Assert.True(FirstWbc(AdmissionReason.Sepsis) > FirstWbc(AdmissionReason.Syncope) + 3);
    }

    [Fact]
    public void Missingness_depends_on_severity_and_reason()
    {
        var admissions = hospital.Admissions.ToList();
        bool HasLactate(SyntheticAdmission a) => a.Labs.Any(m => m.Analyte == Analyte.Lactate && m.Time < a.AdmitTime.AddHours(24));
        var sepsis = admissions.Where(a => a.Reason == AdmissionReason.Sepsis).ToList();
        var syncope = admissions.Where(a => a.Reason is AdmissionReason.Syncope or AdmissionReason.ChestPain).ToList();
        Assert.True(sepsis.Count(HasLactate) / (double)sepsis.Count > 0.8);
        Assert.True(syncope.Count(HasLactate) / (double)syncope.Count < 0.5);

        // Not at random: among pneumonia admissions, those with a lactate drawn were sicker.
        var pneumonia = admissions.Where(a => a.Reason == AdmissionReason.Pneumonia).ToList();
        Assert.True(pneumonia.Where(HasLactate).Average(a => a.Truth.Severity) > pneumonia.Where(a => !HasLactate(a)).Average(a => a.Truth.Severity));

        // Some vital signs are missing at random; troponin is sometimes below the detection limit.
        Assert.Contains(admissions, a => a.Vitals.Count(m => m.Analyte == Analyte.OxygenSaturation) < a.Vitals.Count(m => m.Analyte == Analyte.HeartRate));
        Assert.Contains(admissions.SelectMany(a => a.Labs), m => m.IsCensored);
    }

    [Fact]
    public void Trajectory_predictions_are_calibrated_and_beat_carrying_the_last_value_forward()
    {
        var points = hospital.Patients.SelectMany(p => p.Trajectories.Where(t => t.Analyte == Analyte.Egfr).Select((t, i) => (Point: t, Previous: i == 0 ? (double?)null : p.Trajectories.Where(x => x.Analyte == Analyte.Egfr).ElementAt(i - 1).Observed))).Where(x => x.Previous is not null).ToList();
        Assert.True(points.Count > 1000);
        double bayes = points.Average(x => Math.Pow(x.Point.Observed - x.Point.ExpectedGivenHistory, 2));
        double lastValue = points.Average(x => Math.Pow(x.Point.Observed - x.Previous!.Value, 2));
        double predictedVariance = points.Average(x => x.Point.SdGivenHistory * x.Point.SdGivenHistory);
        Assert.True(bayes < lastValue, $"Bayes MSE {bayes:F1} vs last value {lastValue:F1}");
        Assert.InRange(bayes / predictedVariance, 0.85, 1.15);
    }

    [Fact]
    public void Drugs_and_codes_are_real_and_follow_the_conditions()
    {
        var admissions = hospital.Admissions.ToList();
        Assert.All(admissions.SelectMany(a => a.Prescriptions), p => Assert.Matches("^[A-Z][0-9]{2}[A-Z]{2}[0-9]{2}$", p.Drug.Atc));
        Assert.All(admissions.SelectMany(a => a.Diagnoses), d => Assert.Matches(@"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$", d.Code));
        Assert.All(admissions.SelectMany(a => a.Procedures), p => Assert.Matches("^[0-9A-HJ-NP-Z]{7}$", p.Code.Code));

        var heartFailure = admissions.Where(a => a.Reason == AdmissionReason.HeartFailureExacerbation).ToList();
        Assert.True(heartFailure.Count(a => a.Prescriptions.Any(p => p.Drug.Atc == "C03CA01" && p.Drug.Route == "IV")) > 0.85 * heartFailure.Count);
        var diabetes = hospital.Patients.Where(p => (p.Conditions & ChronicCondition.Diabetes) != 0).ToList();
        Assert.True(diabetes.Count(p => p.HomeMedications.Contains("metformin")) > 0.5 * diabetes.Count);

        // The coded conditions the outcome model reads are exactly what DIAGNOSES_ICD shows.
        foreach (var a in admissions)
        {
            var coded = a.Diagnoses.Aggregate(ChronicCondition.None, (acc, d) => acc | ConditionCatalog.FromIcd10(d.Code));
            Assert.Equal(a.Truth.RiskFactors.Conditions, coded);
        }
    }

    [Fact]
    public void Each_admission_has_an_admission_note_and_a_discharge_or_death_summary()
    {
        foreach (var a in hospital.Admissions)
        {
            Assert.Equal(2, a.Notes.Count);
            Assert.Equal("admission", a.Notes[0].Kind);
            Assert.Equal(a.DiedInHospital ? "death" : "discharge", a.Notes[1].Kind);
            Assert.True(a.Notes[0].Time < a.AdmitTime.AddHours(24));
        }

        var texts = hospital.Admissions.Take(300).SelectMany(a => a.Notes).Select(n => n.Text).ToList();
        Assert.Contains(texts, t => t.Contains("denies", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(texts, t => t.Contains("ALLERGIES", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(texts, t => t.Contains("Discharge Medications", StringComparison.OrdinalIgnoreCase));
    }
}
