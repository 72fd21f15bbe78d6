using Galen.Data.Synthetic.Catalog;
using Galen.Data.Synthetic.Generation;
using Galen.Data.Synthetic.Model;

namespace Galen.Data.Synthetic.Output;

/// <summary>The ground-truth files every format writes beside the data (docs/synthetic-hospital.md lists each column).</summary>
internal static class GroundTruthColumns
{
    public static readonly string[] Admissions =
    [
        "hadm_id", "subject_id", "p_in_hospital_death", "p_readmit_30d", "expected_los_days", "p_in_hospital_death_given_48h", "p_los_gt_7d",
        "in_hospital_death", "readmit_30d", "los_days", "admittime", "dischtime", "reason", "principal_icd10", "severity", "icu", "intubated_24h",
        "age", "prior_admissions_365d", "coded_conditions", "sbp_min_24h", "hr_max_24h", "spo2_min_24h", "rr_max_24h", "temp_min_24h",
        "lactate_max_24h", "creatinine_max_24h", "wbc_max_24h", "wbc_min_24h", "sodium_min_24h", "sodium_max_24h", "mortality_logit",
        "readmit_los_days", "readmit_last_hemoglobin", "readmit_last_sodium", "readmit_last_creatinine", "readmit_discharged_to_facility",
        "readmit_medicaid", "readmit_logit",
    ];

    public static readonly string[] Patients =
    [
        "subject_id", "sex", "birth_date", "ethnicity", "index_time", "smoking", "bmi",
        .. ConditionCatalog.All.Select(c => c.Name),
        "heart_failure_reduced_ef", "cancer_icd10", "insulin", "egfr_intercept", "egfr_slope", "hba1c_intercept", "hba1c_slope",
        "admissions", "death_time", "died_in_hospital",
    ];

    public static readonly string[] Trajectories =
    [
        "subject_id", "hadm_id", "analyte", "loinc", "charttime", "value", "true_level", "expected_given_history", "sd_given_history", "previous_observations",
    ];

    public static void WriteAdmission(Utf8Rows rows, SyntheticPatient patient, SyntheticAdmission a)
    {
        var truth = a.Truth;
        var x = truth.RiskFactors;
        var r = truth.ReadmissionFactors;
        rows.Field(a.HadmId).Field(patient.SubjectId)
            .Field(truth.InHospitalDeathProbability).Field(truth.ReadmissionProbability).Field(truth.ExpectedLengthOfStayDays)
            .Field(truth.InHospitalDeathProbabilityGiven48h).Field(truth.LongStayProbability)
            .Field(truth.Died).Field(truth.Readmitted30Days is { } readmitted ? (readmitted ? 1L : 0L) : null)
            .Field((a.DischargeTime - a.AdmitTime).TotalDays, 4)
            .Time(a.AdmitTime).Time(a.DischargeTime)
            .Field(ReasonCatalog.Get(a.Reason).Key).Field(a.Diagnoses[0].Code)
            .Field(truth.Severity, 4).Field(x.Icu).Field(x.Intubated).Field((long)x.Age).Field((long)x.PriorAdmissions365)
            .Field(string.Join(';', ConditionCatalog.In(x.Conditions).Select(c => c.Name)))
            .Field(x.SystolicMin).Field(x.HeartRateMax).Field(x.OxygenSaturationMin).Field(x.RespiratoryRateMax).Field(x.TemperatureMin)
            .Field(x.LactateMax).Field(x.CreatinineMax).Field(x.WhiteCellsMax).Field(x.WhiteCellsMin).Field(x.SodiumMin).Field(x.SodiumMax)
            .Field(OutcomeModel.MortalityLogit(x));
        if (r is null)
        {
            rows.Empty().Empty().Empty().Empty().Empty().Empty().Empty();
        }
        else
        {
            rows.Field(r.LengthOfStayDays, 4).Field(r.LastHemoglobin).Field(r.LastSodium).Field(r.LastCreatinine)
                .Field(r.DischargedToFacility).Field(r.Medicaid).Field(OutcomeModel.ReadmissionLogit(r));
        }

        rows.EndRow();
    }

    public static void WritePatient(Utf8Rows rows, SyntheticPatient p)
    {
        rows.Field(p.SubjectId).Field(p.Sex).Date(p.BirthDate).Field(p.Ethnicity).Time(p.IndexTime)
            .Field(p.Smoking.ToString().ToLowerInvariant()).Field(p.BodyMassIndex, 1);
        foreach (var condition in ConditionCatalog.All)
        {
            rows.Field((p.Conditions & condition.Condition) != 0);
        }

        rows.Field(p.HeartFailureReduced && (p.Conditions & ChronicCondition.HeartFailure) != 0).Field(p.CancerCode?.Code).Field(p.InsulinTreated)
            .Field(p.Egfr.Intercept, 3).Field(p.Egfr.Slope, 3);
        if (p.HbA1c is { } a1c)
        {
            rows.Field(a1c.Intercept, 3).Field(a1c.Slope, 3);
        }
        else
        {
            rows.Empty().Empty();
        }

        rows.Field((long)p.Admissions.Count).Time(p.DeathTime).Field(p.Admissions[^1].DiedInHospital);
        rows.EndRow();
    }

    public static void WriteTrajectory(Utf8Rows rows, SyntheticPatient patient, TrajectoryPoint point)
    {
        var info = AnalyteCatalog.Get(point.Analyte);
        int previous = 0;
        foreach (var other in patient.Trajectories)
        {
            if (ReferenceEquals(other, point))
            {
                break;
            }

            if (other.Analyte == point.Analyte)
            {
                previous++;
            }
        }

        rows.Field(patient.SubjectId).Field(point.AdmissionOrdinal is { } k ? patient.Admissions[k].HadmId : null)
            .Field(info.Key).Field(info.Loinc).Time(point.Time).Field(point.Observed, info.Decimals)
            .Field(point.TrueLevel, 4).Field(point.ExpectedGivenHistory, 4).Field(point.SdGivenHistory, 4).Field((long)previous);
        rows.EndRow();
    }
}
