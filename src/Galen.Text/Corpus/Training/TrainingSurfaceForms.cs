namespace Galen.Text.Corpus.Training;

/// <summary>
/// The training corpus's own lists of values: hospital name patterns, e-mail domains, relations,
/// note titles, eponyms and clinical fillers. The held-apart evaluation corpus has its own lists
/// and shares none of these strings (a test checks it).
/// </summary>
internal static class TrainingSurfaceForms
{
    public static readonly string[] HospitalPatterns =
    [
        "{last} Memorial Hospital", "St. {first}'s Hospital", "{city} Medical Center", "{last} Clinic", "{city} Community Hospital",
        "University of {state} Hospital", "{last} Family Practice", "{city} Heart Institute", "{last} Surgical Center", "Mount {last} Hospital",
        "{last} Rehabilitation Center", "{city} Urgent Care", "{last} Nursing Home", "{last} Health System",
    ];

    public static readonly string[] OrganizationPatterns =
    [
        "{last} Pharmacy", "{last} Laboratories", "{last} Associates", "{city} Dialysis Clinic", "{last} Home Health", "{last} Insurance",
    ];

    public static readonly string[] EmailDomains = ["gmail.com", "yahoo.com", "hotmail.com", "aol.com", "comcast.net", "outlook.com"];

    public static readonly string[] UrlPatterns =
    [
        "https://portal.{word}health.org/patient/{n}", "www.{word}clinic.com", "http://{word}.net/records?id={n}", "https://mychart.{word}.org",
    ];

    public static readonly string[] Relations = ["wife", "husband", "daughter", "son", "mother", "father", "sister", "brother", "niece", "partner", "friend", "granddaughter"];

    public static readonly string[] NoteTitles =
    [
        "DISCHARGE SUMMARY", "Progress Note", "History and Physical", "Emergency Department Note", "Consultation Note", "Nursing Note", "Radiology Report", "Clinic Visit",
    ];

    public static readonly string[] Eponyms =
    [
        "Parkinson disease", "Crohn disease", "a Foley catheter", "Hodgkin lymphoma", "Graves disease", "a Babinski sign", "Bell palsy", "Cushing syndrome",
        "a Whipple procedure", "Kussmaul respirations", "Addison disease", "a Swan-Ganz catheter",
    ];

    public static readonly string[] InventedOnsets = ["b", "br", "d", "dr", "f", "g", "gr", "h", "j", "k", "kr", "l", "m", "n", "p", "r", "s", "st", "t", "tr", "v", "z", "sh", "ch", "th", "w", "y"];

    public static readonly string[] InventedVowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "ei", "ia", "y"];

    public static readonly string[] InventedCodas = ["", "n", "r", "l", "s", "th", "nd", "rt", "x", "m", "k", "ck", "ll", "ss", "tt"];

    public static readonly string[] DeviceKinds = ["pacemaker", "insulin pump", "ICD", "CPAP machine", "glucose monitor", "hearing aid"];

    public static readonly string[] Employers = ["works as a teacher", "is a retired machinist", "works in construction", "is an accountant", "drives a truck", "is a nurse's aide"];
}
