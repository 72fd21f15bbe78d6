namespace Galen.Data.Synthetic.Imaging;

/// <summary>What a synthetic chest film shows; the image's label.</summary>
public enum ChestFilmFinding
{
    /// <summary>Clear lung fields.</summary>
    Normal,

    /// <summary>A lobar consolidation: one blob of airspace opacity in one lung.</summary>
    Pneumonia,

    /// <summary>Pulmonary oedema: bilateral perihilar haze, usually with an enlarged heart.</summary>
    Oedema,
}
