namespace Galen.Data.Synthetic.Catalog;

/// <summary>Long-term conditions a synthetic patient can carry; a set of flags per patient.</summary>
[Flags]
public enum ChronicCondition
{
    None = 0,
    Hypertension = 1 << 0,
    Diabetes = 1 << 1,
    Hyperlipidemia = 1 << 2,
    Obesity = 1 << 3,
    CoronaryArteryDisease = 1 << 4,
    HeartFailure = 1 << 5,
    AtrialFibrillation = 1 << 6,
    Copd = 1 << 7,
    Asthma = 1 << 8,
    ChronicKidneyDisease = 1 << 9,
    Cancer = 1 << 10,
    Dementia = 1 << 11,
    Depression = 1 << 12,
    Cirrhosis = 1 << 13,
    PriorStroke = 1 << 14,
    Hypothyroidism = 1 << 15,
}
