using Galen.Data.Synthetic.Catalog;
using static Galen.Data.Synthetic.Catalog.AdmissionReason;

namespace Galen.Data.Synthetic.Generation;

/// <summary>
/// Draws why a patient is admitted: a categorical choice whose weights depend on age, sex,
/// chronic conditions and home medications (e.g. heart-failure exacerbations only with heart
/// failure, more GI bleeding with an interacting anticoagulant–antiplatelet pair).
/// </summary>
internal static class AdmissionReasonModel
{
    private static readonly int Count = Enum.GetValues<AdmissionReason>().Length;

    /// <summary>Probability that an admission is elective (planned surgery).</summary>
    public const double ElectiveShare = 0.07;

    public static AdmissionReason Draw(PatientDraft patient, DateTime time, Random rng)
    {
        var c = patient.ConditionsAt(time);
        bool Has(ChronicCondition condition) => (c & condition) != 0;
        int age = patient.AgeAt(time);
        Span<double> w = stackalloc double[Count];

        bool colonCancer = patient.CancerCode?.Code.StartsWith("C18", StringComparison.Ordinal) == true;
        if (rng.Chance(ElectiveShare) && age >= 45)
        {
            w[(int)KneeReplacement] = age <= 85 ? 3 * (Has(ChronicCondition.Obesity) ? 1.5 : 1) : 0;
            w[(int)Colectomy] = colonCancer ? 6 : 0;
            if (w[(int)KneeReplacement] + w[(int)Colectomy] > 0)
            {
                return (AdmissionReason)rng.Categorical(w);
            }

            w.Clear();
        }

        double old = age > 75 ? 1 : 0;
        w[(int)Sepsis] = 10 * (1 + (0.5 * old)) * F(Has(ChronicCondition.Dementia), 1.8) * F(Has(ChronicCondition.Diabetes), 1.5)
            * F(Has(ChronicCondition.Cancer), 1.6) * F(Has(ChronicCondition.ChronicKidneyDisease), 1.5) * F(Has(ChronicCondition.Cirrhosis), 1.5);
        w[(int)Pneumonia] = 10 * F(Has(ChronicCondition.Copd), 1.8) * (1 + (0.4 * old)) * F(Has(ChronicCondition.Dementia), 1.5) * F(Has(ChronicCondition.HeartFailure), 1.4);
        w[(int)UrinaryTractInfection] = 6 * F(patient.Female, 1.6) * F(Has(ChronicCondition.Dementia), 1.8) * F(Has(ChronicCondition.Diabetes), 1.3);
        w[(int)HeartFailureExacerbation] = Has(ChronicCondition.HeartFailure) ? 30 : 0;
        w[(int)CopdExacerbation] = Has(ChronicCondition.Copd) ? 28 : 0;
        w[(int)Nstemi] = 5 * F(Has(ChronicCondition.CoronaryArteryDisease), 3.5) * F(Has(ChronicCondition.Diabetes), 1.5) * F(!patient.Female, 1.3);
        w[(int)IschemicStroke] = 5 * F(Has(ChronicCondition.AtrialFibrillation), 2.5) * F(Has(ChronicCondition.Hypertension), 1.6) * F(Has(ChronicCondition.PriorStroke), 2.0);
        bool anticoagulated = patient.HomeMedications.Any(k => DrugCatalog.IsAnticoagulant(DrugCatalog.Get(k)));
        w[(int)GastrointestinalBleed] = 5 * F(InteractionCatalog.RaisesBleeding(patient.HomeMedications.ToArray()), 2.5) * F(anticoagulated, 1.6) * F(Has(ChronicCondition.Cirrhosis), 3);
        w[(int)AcuteKidneyInjury] = 4 * F(Has(ChronicCondition.ChronicKidneyDisease), 3) * F(Has(ChronicCondition.Diabetes), 1.4);
        w[(int)DiabeticKetoacidosis] = Has(ChronicCondition.Diabetes) ? 5 * (age < 50 ? 2 : age > 75 ? 0.3 : 1) : 0;
        w[(int)AtrialFibrillationRvr] = Has(ChronicCondition.AtrialFibrillation) ? 18 : 0;
        w[(int)PulmonaryEmbolism] = 3 * F(Has(ChronicCondition.Cancer), 2);
        w[(int)Cellulitis] = 4 * F(Has(ChronicCondition.Diabetes), 1.8) * F(Has(ChronicCondition.Obesity), 1.5);
        w[(int)HipFracture] = 3 * (age > 80 ? 3 : 1) * F(patient.Female, 1.6) * F(Has(ChronicCondition.Dementia), 1.6);
        w[(int)Syncope] = 5 * (1 + (0.4 * old));
        w[(int)ChestPain] = 7 * F(Has(ChronicCondition.CoronaryArteryDisease), 1.6);
        w[(int)Pancreatitis] = 2 * (age < 60 ? 2 : 1);
        w[(int)Hypoglycemia] = Has(ChronicCondition.Diabetes) ? (patient.InsulinTreated ? 6 : 1) : 0;
        return (AdmissionReason)rng.Categorical(w);
    }

    private static double F(bool condition, double factor) => condition ? factor : 1;
}
