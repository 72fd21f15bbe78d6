namespace Galen.Data.Synthetic.Catalog;

/// <summary>A symptom or sign as notes write it, with its SNOMED CT code where Galen carries one.</summary>
public sealed record Symptom(string Name, string? Snomed);

/// <summary>The symptoms the synthetic hospital writes in notes.</summary>
public static class Symptoms
{
    public static readonly Symptom Dyspnea = new("shortness of breath", "267036007");
    public static readonly Symptom ChestPain = new("chest pain", "29857009");
    public static readonly Symptom Fever = new("fever", "386661006");
    public static readonly Symptom Chills = new("chills", "43724002");
    public static readonly Symptom Cough = new("cough", "49727002");
    public static readonly Symptom ProductiveCough = new("productive cough", "28743005");
    public static readonly Symptom Orthopnea = new("orthopnea", "62744007");
    public static readonly Symptom Edema = new("leg swelling", "267038008");
    public static readonly Symptom Fatigue = new("fatigue", "84229001");
    public static readonly Symptom Wheezing = new("wheezing", "56018004");
    public static readonly Symptom Palpitations = new("palpitations", "80313002");
    public static readonly Symptom Dizziness = new("dizziness", "404640003");
    public static readonly Symptom Nausea = new("nausea", "422587007");
    public static readonly Symptom Vomiting = new("vomiting", "422400008");
    public static readonly Symptom AbdominalPain = new("abdominal pain", "21522001");
    public static readonly Symptom Dysuria = new("dysuria", "49650001");
    public static readonly Symptom UrinaryFrequency = new("urinary frequency", "162116003");
    public static readonly Symptom Confusion = new("confusion", "286933003");
    public static readonly Symptom Melena = new("melena", "2901004");
    public static readonly Symptom Hematemesis = new("hematemesis", "8765009");
    public static readonly Symptom Syncope = new("loss of consciousness", "271594007");
    public static readonly Symptom Headache = new("headache", "25064002");
    public static readonly Symptom Weakness = new("generalized weakness", "13791008");
    public static readonly Symptom Hemiparesis = new("one-sided weakness", "50582007");
    public static readonly Symptom Dysarthria = new("slurred speech", "8011004");
    public static readonly Symptom Polyuria = new("polyuria", "28442001");
    public static readonly Symptom Polydipsia = new("polydipsia", "17173007");
    public static readonly Symptom Sweating = new("diaphoresis", "415690000");
    public static readonly Symptom Oliguria = new("decreased urine output", "83128009");
    public static readonly Symptom HipPain = new("hip pain", "49218002");
    public static readonly Symptom Fall = new("a fall", "1912002");
    public static readonly Symptom Erythema = new("redness of the leg", "247441003");
    public static readonly Symptom Swelling = new("swelling", "442672001");
    public static readonly Symptom KneePain = new("knee pain", null);
    public static readonly Symptom PleuriticPain = new("pleuritic chest pain", null);
    public static readonly Symptom RectalBleeding = new("blood in the stool", null);
    public static readonly Symptom WeightLoss = new("weight loss", "89362005");

    /// <summary>Symptoms asked about in a review of systems; those the patient lacks are written negated.</summary>
    public static IReadOnlyList<Symptom> ReviewOfSystems { get; } =
    [
        Fever, Chills, ChestPain, Dyspnea, Cough, Palpitations, Nausea, Vomiting, AbdominalPain,
        Dysuria, Headache, Dizziness, Melena, Edema, Syncope, WeightLoss, Confusion,
    ];
}
