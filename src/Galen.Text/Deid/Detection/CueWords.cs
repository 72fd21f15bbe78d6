namespace Galen.Text.Deid.Detection;

/// <summary>What the anchored expressions of <see cref="PhiPatterns"/> can start with.</summary>
[Flags]
internal enum CueKind
{
    None = 0,
    Month = 1,
    AgeWord = 2,
    Label = 4,
    NameCue = 8,
    Credential = 16,
    OrganizationAnchor = 32,
    PlaceCue = 64,
}

/// <summary>
/// The first word of every alternative of the anchored expressions, so the pattern layer tries an
/// expression only at words that can start it (one hash look-up per word instead of a regex call).
/// Keep in step with <see cref="PhiPatterns"/>: a word missing here silences its alternative, which
/// the per-type detection tests would show.
/// </summary>
internal static class CueWords
{
    private static readonly Dictionary<string, CueKind> Words = Build();

    private static readonly Dictionary<string, CueKind>.AlternateLookup<ReadOnlySpan<char>> Lookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();

    public static CueKind Of(ReadOnlySpan<char> word) => Lookup.TryGetValue(word, out var kind) ? kind : CueKind.None;

    private static Dictionary<string, CueKind> Build()
    {
        var words = new Dictionary<string, CueKind>(StringComparer.OrdinalIgnoreCase);
        void Add(CueKind kind, string list)
        {
            foreach (var word in list.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                words[word] = words.GetValueOrDefault(word) | kind;
            }
        }

        Add(CueKind.Month, "jan january feb february mar march apr april may jun june jul july aug august sep sept september oct october nov november dec december");
        Add(CueKind.AgeWord, "age aged ages in nonagenarian centenarian");
        Add(CueKind.Label,
            "license licence tag plate vin vehicle serial s sn device udi implant pacemaker model lot mrn mr med medical record unit patient hospital chart " +
            "member policy subscriber insurance health beneficiary medicaid medicare group hicn mbi acct account billing encounter visit invoice fin csn har " +
            "driver driver's drivers lic dea npi certificate cert registration permit ssn ss social soc id identifier ref reference case accession specimen " +
            "order claim ticket badge employee");
        Add(CueKind.NameCue,
            "dr doctor mr mrs ms miss mx prof professor mister sr sister nurse " +
            "attending resident intern fellow surgeon physician provider pcp cardiologist oncologist neurologist nephrologist radiologist pathologist " +
            "anesthesiologist psychiatrist pulmonologist gastroenterologist endocrinologist hospitalist intensivist consultant therapist pharmacist case social " +
            "chaplain dietitian midwife rn lpn np md do e esigned called regards sincerely seen signed co cosigned dictated transcribed reviewed read performed " +
            "interpreted verified authenticated referred referring discussed d paged covering on oncall author clinician primary dear " +
            "wife husband spouse partner son daughter mother father mom dad brother sibling niece nephew aunt uncle grandson granddaughter grandmother " +
            "grandfather grandma grandpa cousin friend neighbor neighbour roommate guardian caregiver fiance fiancé fiancee fiancée boyfriend girlfriend " +
            "stepson stepdaughter stepmother stepfather in emergency next nok hcp health healthcare proxy poa power contact accompanied visited caller " +
            "patient patient's pt name re regarding client");
        Add(CueKind.Credential, "md m do d rn np pa cnp dnp phd fnp aprn crna lpn pharmd mbbs facc facp facs msn bsn lcsw msw dpm dds rd cnm anp acnp");
        Add(CueKind.OrganizationAnchor,
            "hospital hospitals medical med health healthcare clinic clinics infirmary institute physicians nursing rehabilitation rehab hospice pharmacy " +
            "drugstore laboratory laboratories labs associates surgical surgery urgent cancer children's general memorial regional community university " +
            "college sanatorium foundation group practice inc llc corporation corp company insurance mutual assisted senior living physical therapy " +
            "diagnostics imaging dialysis kidney orthopaedic orthopaedics orthopedic orthopedics");
        Add(CueKind.PlaceCue, "lives lived living resides resided residing moved relocated resident native");
        return words;
    }
}
