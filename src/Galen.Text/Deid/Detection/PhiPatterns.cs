using System.Text.RegularExpressions;

namespace Galen.Text.Deid.Detection;

/// <summary>
/// The regular expressions of the pattern layer, compiled at build time by the Regex source
/// generator. Each one finds a shape (a date, a phone number, a labelled identifier) or an anchor
/// (a title, a credential, an organisation word) that the <see cref="PatternDetector"/> then
/// extends with context rules.
/// </summary>
internal static partial class PhiPatterns
{
    private const RegexOptions Ci = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
    private const RegexOptions Cs = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    private const string Month = @"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?";

    /// <summary>Date forms that start with a digit: numeric, ISO, day-month-year, "the 4th", month/year, bare years.</summary>
    [GeneratedRegex(
        @"(?<![\w/.])(?:" +
        @"\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})" +
        @"|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}" +
        @"|\d{1,2}(?:st|nd|rd|th)?(?:[\s-]+|\s*of\s+)" + Month + @"(?:[,\s-]*(?:'\d{2}|\d{4}|\d{2}(?![\d:])))?" +
        @"|(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}" +
        @"|(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])(?![\d/])(?!\s*(?:tab|tablet|cup|strength|dose|of\b))" +
        @"|(?<=\bthe\s+)\d{1,2}(?:st|nd|rd|th)\b" +
        @"|(?:19|20)\d{2}s?(?!\s*(?:mg|mcg|ml|g\b|units?|cc|kcal|cells|mm|cm|/|%|\.\d)))(?![\w/])",
        Ci)]
    internal static partial Regex DateNumeric();

    /// <summary>Date forms that start with a month name ("March 4th", "Mar. 4, 2021", "March 2021"), anchored at the month.</summary>
    [GeneratedRegex(
        @"\G(?<![\w/.])(?:" +
        Month + @"\s*\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s*(?:'\d{2}|\d{4}))?" +
        @"|" + Month + @",?\s*(?:of\s+)?(?:'\d{2}|\d{4}))(?![\w/])",
        Ci)]
    internal static partial Regex DateMonthAt();

    /// <summary>Ages of 90 and over written as a number with the word that makes it an age. Group "age" holds the number.</summary>
    [GeneratedRegex(
        @"\b(?<age>9\d|1[0-2]\d)\s*(?:-\s*|\s)?(?:y/o|y\.o\.?|yo[mf]?|yrs?\b|years?\b|year-old|yr-old|-?y(?=\s*(?:old|/o)))" +
        @"|\b(?<age>9\d|1[0-2]\d)\s*(?:M|F|male|female|man|woman|gentleman|lady)\b",
        Ci)]
    internal static partial Regex AgeNumeric();

    /// <summary>Ages of 90 and over introduced by a word ("aged 95", "in her 90s", "nonagenarian"), anchored at the word.</summary>
    [GeneratedRegex(
        @"\G(?:age[ds]?\s*(?:of\s*|:\s*|is\s*)?(?<age>9\d|1[0-2]\d)\b" +
        @"|in\s+(?:his|her|their)\s+(?<age>9\d|1[01]\d)s\b" +
        @"|nonagenarian|centenarian)",
        Ci)]
    internal static partial Regex AgeWordAt();

    /// <summary>North American phone numbers with optional country code and extension.</summary>
    [GeneratedRegex(
        @"(?<![\w+/])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s./-])\d{3}[\s.-]\d{4}(?:\s*(?:x|ext\.?|extension)\s*\d{1,5})?(?!\w)" +
        @"|(?<![\w+])\+\d{1,3}(?:[\s.-]\d{2,4}){2,4}(?!\w)",
        Ci)]
    internal static partial Regex Phone();

    /// <summary>Label words that precede a phone number; "fax" makes it a fax number.</summary>
    [GeneratedRegex(@"\b(?<fax>fax|faxed|facsimile|f)\b|\b(?:phone|ph|tel|telephone|cell|mobile|pager|beeper|home|work|office|contact|call|p|t|c|h|w)\b", Ci)]
    internal static partial Regex PhoneLabel();

    /// <summary>An e-mail address, checked on a candidate cut around an '@'.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$", Cs)]
    internal static partial Regex EmailExact();

    /// <summary>URLs with a scheme or "www.".</summary>
    [GeneratedRegex(@"\b(?:https?://|ftp://|www\.)[^\s<>""']+", Ci)]
    internal static partial Regex UrlWithScheme();

    /// <summary>A bare domain with a known top-level domain and an optional path, checked on a candidate.</summary>
    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|org|net|edu|gov|io|info|biz|us|health|co|care|clinic|med)(?:/[^\s<>""']*)?$", Ci)]
    internal static partial Regex DomainExact();

    [GeneratedRegex(@"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d]|\.\d)", Cs)]
    internal static partial Regex IpV4();

    [GeneratedRegex(@"(?<![\w:])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,5})?)(?![\w:])", Ci)]
    internal static partial Regex IpV6();

    [GeneratedRegex(@"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])|(?<![\d ])\d{3}[ \n]\d{2}[ \n]\d{4}(?![\d])", Cs)]
    internal static partial Regex Ssn();

    /// <summary>An identifier after the label that says what it is (anchored at a label word); the group that matched names the type.</summary>
    [GeneratedRegex(
        @"\G(?:" +
        @"(?<vehicle>licen[cs]e\s+plate(?:\s+(?:no|number|#))?|(?:tag|plate)\s*(?:no|number|#)|plate|VIN|vehicle\s+(?:id|identification|reg(?:istration)?)(?:\s+(?:no|number|#))?)" +
        @"|(?<device>serial(?:\s+(?:no|number|#))?|S/N|SN|device\s+(?:id|identifier|serial|no|number)|UDI|implant\s+(?:id|serial|no)|pacemaker\s+(?:id|serial|model)|model\s+(?:no|number|#)|lot(?:\s+(?:no|number|#))?)" +
        @"|(?<mrn>MRN|MR\s*(?:#|no|number)|med(?:ical)?\.?\s+rec(?:ord)?\.?(?:\s+(?:no|number|#))?|record\s+(?:no|number|#)|unit\s+(?:no|number|#)|patient\s+(?:id|no|number)|hospital\s+(?:no|number|#)|chart\s+(?:no|number|#))" +
        @"|(?<plan>member\s*(?:id|no|number|#)|policy\s*(?:id|no|number|#)?|subscriber\s*(?:id|no|number|#)|insurance\s*(?:id|no|number|#)|health\s+plan\s*(?:id|no|number|#)?|beneficiary\s*(?:id|no|number|#)|medicaid\s*(?:id|no|number|#)?|medicare\s*(?:id|no|number|#)?|group\s*(?:no|number|#)|HICN|MBI)" +
        @"|(?<account>acct\.?(?:\s*(?:no|number|#))?|account(?:\s+(?:no|number|#))?|billing\s*(?:id|no|number|#)|encounter\s*(?:id|no|number|#)|visit\s*(?:id|no|number|#)|invoice\s*(?:no|number|#)|FIN|CSN|HAR)" +
        @"|(?<license>(?:driver'?s\s+)?licen[cs]e(?:\s+(?:no|number|#))?|lic\.?\s*(?:no|#)|DEA(?:\s+(?:no|number|#))?|NPI|certificate(?:\s+(?:no|number|#))?|cert\.?\s*(?:no|#)|registration\s+(?:no|number|#)|permit\s+(?:no|number|#))" +
        @"|(?<ssn>SSN|SS\s*#|SS\s*no|social\s+security(?:\s+(?:no|number|#))?|soc\s+sec(?:\s+(?:no|#))?)" +
        @"|(?<other>ID(?:\s+(?:no|number|#))?|identifier|ref(?:erence)?\s*(?:no|number|#)|case\s*(?:no|number|#)|accession(?:\s+(?:no|number|#))?|specimen\s*(?:id|no|number|#)|order\s*(?:id|no|number|#)|claim\s*(?:id|no|number|#)|ticket\s*(?:no|number|#)|badge\s*(?:id|no|number|#)|employee\s*(?:id|no|number|#))" +
        @")\.?\s*(?:(?:is|was|of|no\.?|number)\s+)?[:#=]?\s*[:#]?\s*(?<id>(?=[A-Za-z0-9-]*(?: ?[A-Za-z0-9-]*)?\d)[A-Za-z0-9](?:[A-Za-z0-9]|[-/.](?=[A-Za-z0-9])| (?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9])){2,24})(?![A-Za-z0-9])",
        Ci)]
    internal static partial Regex LabelledIdentifier();

    /// <summary>Vehicle identification numbers (17 characters, no I, O or Q).</summary>
    [GeneratedRegex(@"^(?=[A-HJ-NPR-Z0-9]*\d)(?=[A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z])[A-HJ-NPR-Z0-9]{17}$", Cs)]
    internal static partial Regex VinExact();

    /// <summary>Letter-digit codes that look like record or account numbers ("AB1234567", "X7-99812"), anchored at a capital.</summary>
    [GeneratedRegex(@"\G(?<![\w-])(?=[A-Z0-9-]*\d)[A-Z]{1,4}-?\d{5,}(?:-?[A-Z0-9]+)*(?![\w-])", Cs)]
    internal static partial Regex LetterDigitCodeAt();

    /// <summary>Street addresses: number, capitalised street words, a street suffix, an optional unit; or a PO box.</summary>
    [GeneratedRegex(
        @"(?<![\w.-])\d{1,6}[A-Za-z]?\s+(?:(?:[NSEW]\.?|North|South|East|West|NORTH|SOUTH|EAST|WEST)\s+)?(?:(?:[\p{Lu}0-9][\p{L}\p{M}0-9'-]*|\p{Lu}\.)\s+){1,3}(?=[A-Z])(?i:Alley|Avenue|Branch|Bridge|Brook|Brooks|Burgs?|Bypass|Camp|Canyon|Cape|Causeway|Centers?|Circles?|Cliffs?|Club|Common|Corners?|Course|Courts?|Coves?|Creek|Crescent|Crest|Crossing|Crossroad|Curve|Dale|Dam|Divide|Drives?|Estates?|Expressway|Extensions?|Falls?|Ferry|Fields?|Flats?|Fords?|Forest|Forges?|Forks?|Fort|Freeway|Gardens?|Gateway|Glens?|Greens?|Groves?|Harbors?|Haven|Heights|Highway|Hills?|Hollow|Inlet|Islands?|Isle|Junctions?|Keys?|Knolls?|Lakes?|Land|Landing|Lane|Lights?|Loaf|Locks?|Lodge|Loop|Mall|Manors?|Meadows?|Mews|Mills?|Mission|Motorway|Mount|Mountains?|Neck|Orchard|Oval|Overpass|Parks?|Parkways?|Pass|Passage|Path|Pike|Pines?|Place|Plains?|Plaza|Points?|Ports?|Prairie|Radial|Ramp|Ranch|Rapids?|Rest|Ridges?|River|Roads?|Route|Row|Rue|Run|Shoals?|Shores?|Skyway|Springs?|Spurs?|Squares?|Station|Stravenue|Stream|Streets?|Summit|Terrace|Throughway|Trace|Track|Trafficway|Trail|Tunnel|Turnpike|Underpass|Unions?|Valleys?|Via|Viaduct|Views?|Villages?|Ville|Vista|Walks?|Wall|Ways?|Wells?|St|Ave|Av|Rd|Blvd|Ln|Dr|Ct|Pl|Pkwy|Hwy|Cir|Ter|Sq|Trl|Expy|Fwy|Plz|Aly|Crst|Xing|Boulevard)\b\.?(?:,?\s*(?i:apt\.?|apartment|suite|ste\.?|unit|rm\.?|room|fl\.?|floor|#)\s*#?\s*[A-Za-z0-9-]+)?" +
        @"|(?<![\w-])\d{1,6}\s+(?:(?:(?!(?:in|a|an|the|of|at|to|on|for|and|or|with|by|per|x|times|days|weeks|hours|mg|ml)\b)[\p{L}][\p{L}\p{M}'-]*|\d{1,3}(?:st|nd|rd|th))\s+){1,3}(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|court|ct|way|terrace|circle|row|square|highway|hwy|parkway|pkwy|pike|trail|place|pl)\b\.?(?:,?\s*(?:apt\.?|apartment|suite|ste\.?|unit|#)\s*#?\s*[a-z0-9-]+)?" +
        @"",
        Cs)]
    internal static partial Regex StreetAddress();

    [GeneratedRegex(@"\b(?:p\.?\s?o\.?\s*box)\s+\d+", Ci)]
    internal static partial Regex PoBox();

    /// <summary>", ST" or ", State" after a place, without a ZIP code.</summary>
    [GeneratedRegex(@",\s*(?<state>[A-Z]{2}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?|[A-Z]{4,}(?:\s+[A-Z]{4,})?)\b(?![\w-]|\s*\d)", Cs)]
    internal static partial Regex CommaState();

    [GeneratedRegex(@"\b(?:zip|zip\s*code|zipcode|postal\s*code|postcode)\s*(?:is\s*)?[:#]?\s*(?<zip>\d{5}(?:-\d{4})?)(?![\d-])", Ci)]
    internal static partial Regex LabelledZip();

    /// <summary>Words that end an organisation's name.</summary>
    [GeneratedRegex(OrganizationAnchorPattern, Ci)]
    internal static partial Regex OrganizationAnchor();

    /// <summary><see cref="OrganizationAnchor"/> anchored at an anchor word.</summary>
    [GeneratedRegex(@"\G" + OrganizationAnchorPattern, Ci)]
    internal static partial Regex OrganizationAnchorAt();

    private const string OrganizationAnchorPattern =
        @"\b(?:Hospitals?|Medical\s+Cent(?:er|re)|Med\.?\s+Ctr|Health\s*(?:System|Systems|Care|Center|Centre|Network|Partners|Services)?|Healthcare|Clinics?|Infirmary|Institute|Medical\s+Group|Physicians|Nursing\s+(?:Home|Facility|Center)|Rehabilitation(?:\s+(?:Center|Hospital))?|Rehab|Hospice|Pharmacy|Drugstore|Laborator(?:y|ies)|Labs|Associates|Surgical\s+(?:Center|Associates)|Surgery\s+Center|Urgent\s+Care|Cancer\s+Center|Children's|General|Memorial|Regional|Community|University|College|Sanatorium|Foundation|Group|Practice|Inc|LLC|Corporation|Corp|Company|Insurance|Mutual|Assisted\s+Living|Senior\s+Living|Living\s+Center|Physical\s+Therapy|Therapy\s+Center|Diagnostics|Imaging|Dialysis(?:\s+Center)?|Kidney\s+Center|Orthopaedics?|Orthopedics?)\b\.?";

    /// <summary>Saint- and Mount- names ("St. Mary's", "Mount Sinai", "Our Lady of Lourdes").</summary>
    [GeneratedRegex(@"\b(?:St\.|Saint|SAINT|Mt\.|Mount|MOUNT|Our\s+Lady\s+of|OUR\s+LADY\s+OF|our\s+lady\s+of)\s+[\p{Lu}][\p{L}\p{M}']+(?:'s)?|\bour\s+lady\s+of\s+\p{L}+", Cs)]
    internal static partial Regex SaintName();

    /// <summary>A cue before a person's name, anchored at the cue word; the group that matched says whose name follows.</summary>
    [GeneratedRegex(@"\G" + NameCuePattern, Ci)]
    internal static partial Regex NameCueAt();

    private const string NameCuePattern =
        @"\b(?:" +
        @"(?<title>dr|doctor|mr|mrs|ms|miss|mx|prof|professor|mister|sr|sister|nurse)\b\.?" +
        @"|(?<clinician>attending(?:\s+physician)?|resident|intern|fellow|surgeon|physician|provider|pcp|cardiologist|oncologist|neurologist|nephrologist|radiologist|pathologist|anesthesiologist|psychiatrist|pulmonologist|gastroenterologist|endocrinologist|hospitalist|intensivist|consultant|therapist|pharmacist|case\s+manager|social\s+worker|chaplain|dietitian|midwife|rn|lpn|np|md|do|e-?signed|called\s+to|regards|sincerely|seen\s+(?:and\s+examined\s+)?by|signed\s+by|co-?signed\s+by|dictated\s+by|transcribed\s+by|reviewed\s+by|read\s+by|performed\s+by|interpreted\s+by|verified\s+by|authenticated\s+by|referred\s+by|referring(?:\s+(?:physician|provider|md))?|discussed\s+with|d/w|paged|covering|on-?call|author|clinician|primary\s+care|dear)" +
        @"|(?<relative>wife|husband|spouse|partner|son|daughter|mother|father|mom|dad|sister|brother|sibling|niece|nephew|aunt|uncle|grandson|granddaughter|grandmother|grandfather|grandma|grandpa|cousin|friend|neighbou?r|roommate|guardian|caregiver|fianc[eé]e?|boyfriend|girlfriend|step(?:son|daughter|mother|father)|in-law|emergency\s+contact|next\s+of\s+kin|nok|hcp|health\s*care\s+proxy|proxy|poa|power\s+of\s+attorney|contact\s+person|accompanied\s+by|visited\s+by|caller)" +
        @"|(?<patient>patient(?:'s)?\s+name|pt\.?\s+name|patient|pt|name|re|regarding|client|resident\s+name)" +
        @")\b\.?(?:'s)?\s*(?:(?:(?:is|was|named|called)\b|:|,|-|=)\s*)*";

    /// <summary>Clinical credentials written after a name ("Jane Roe, MD"), anchored at the credential.</summary>
    [GeneratedRegex(@"\G(?:MD|M\.D\.|DO|D\.O\.|RN|NP|PA-C|CNP|DNP|PhD|FNP(?:-BC)?|APRN|CRNA|LPN|PharmD|MBBS|FACC|FACP|FACS|MSN|BSN|LCSW|MSW|DPM|DDS|RD|CNM|NP-C|ANP|ACNP)\b", Cs)]
    internal static partial Regex Credential();
}
