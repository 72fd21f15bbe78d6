namespace Galen.Data.Synthetic.Catalog;

/// <summary>Why a synthetic patient is admitted; becomes the principal diagnosis.</summary>
public enum AdmissionReason
{
    Sepsis,
    Pneumonia,
    UrinaryTractInfection,
    HeartFailureExacerbation,
    CopdExacerbation,
    Nstemi,
    IschemicStroke,
    GastrointestinalBleed,
    AcuteKidneyInjury,
    DiabeticKetoacidosis,
    AtrialFibrillationRvr,
    PulmonaryEmbolism,
    Cellulitis,
    HipFracture,
    Syncope,
    ChestPain,
    Pancreatitis,
    Hypoglycemia,
    KneeReplacement,
    Colectomy,
}
