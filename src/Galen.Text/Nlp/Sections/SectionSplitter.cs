using System.Text.RegularExpressions;

namespace Galen.Text.Nlp.Sections;

/// <summary>
/// Finds section headers at the start of lines — "HPI:", "Past Medical History:", "A/P:", or a
/// known header alone on its line in capitals ("ASSESSMENT AND PLAN") — and cuts the note into
/// <see cref="NoteSection"/>s. Headers are matched through a synonym table (about 90 forms); an
/// unknown "Word:" at a line start stays inside its section.
/// </summary>
public static partial class SectionSplitter
{
    private static readonly Dictionary<string, SectionKind> Headers = Build();

    private static readonly Dictionary<string, SectionKind>.AlternateLookup<ReadOnlySpan<char>> HeaderLookup = Headers.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The sections of <paramref name="text"/>, in order; text before the first header is the preamble.</summary>
    public static List<NoteSection> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sections = new List<NoteSection>();
        var kind = SectionKind.Preamble;
        string header = string.Empty;
        int headerStart = 0;
        int bodyStart = 0;
        foreach (Match match in HeaderLine().Matches(text))
        {
            var name = match.Groups["h"];
            if (!TryKind(name.ValueSpan, out var next))
            {
                continue;
            }

            // A header alone on its line needs capitals ("PLAN"), so a sentence "Plan" is not one.
            if (!match.Groups["colon"].Success && !name.ValueSpan.ContainsAnyInRange('A', 'Z'))
            {
                continue;
            }

            if (!match.Groups["colon"].Success && name.ValueSpan.ContainsAnyInRange('a', 'z'))
            {
                continue;
            }

            Close(sections, kind, header, headerStart, bodyStart, match.Index);
            kind = next;
            header = name.Value.Trim();
            headerStart = name.Index;
            bodyStart = match.Index + match.Length;
        }

        Close(sections, kind, header, headerStart, bodyStart, text.Length);
        return sections;
    }

    /// <summary>True when <paramref name="header"/> (without its colon) is a known section header.</summary>
    public static bool IsHeader(ReadOnlySpan<char> header) => TryKind(header, out _);

    /// <summary>The section kind a header names.</summary>
    public static bool TryKind(ReadOnlySpan<char> header, out SectionKind kind)
    {
        Span<char> normal = stackalloc char[Math.Min(header.Length, 64)];
        int n = 0;
        bool space = false;
        foreach (char c in header.Trim())
        {
            if (n >= normal.Length)
            {
                kind = default;
                return false;
            }

            if (char.IsLetter(c) || c is '/' or '&')
            {
                if (space && n > 0)
                {
                    normal[n++] = ' ';
                }

                space = false;
                if (n < normal.Length)
                {
                    normal[n++] = char.ToLowerInvariant(c);
                }
            }
            else
            {
                space = true;
            }
        }

        return HeaderLookup.TryGetValue(normal[..n], out kind);
    }

    private static void Close(List<NoteSection> sections, SectionKind kind, string header, int headerStart, int bodyStart, int end)
    {
        if (end > bodyStart || header.Length > 0)
        {
            sections.Add(new NoteSection(kind, header, headerStart, new TextRange(bodyStart, Math.Max(0, end - bodyStart))));
        }
    }

    [GeneratedRegex(@"^[ \t]*(?<h>[A-Za-z][A-Za-z /&().'-]{0,48}?)[ \t]*(?:(?<colon>:)[ \t]*|(?=\r?\n|\z))", RegexOptions.Multiline | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex HeaderLine();

    private static Dictionary<string, SectionKind> Build()
    {
        var table = new Dictionary<string, SectionKind>(StringComparer.OrdinalIgnoreCase);
        void Add(SectionKind kind, params string[] names)
        {
            foreach (var name in names)
            {
                table[name] = kind;
            }
        }

        Add(SectionKind.ChiefComplaint, "chief complaint", "cc", "reason for visit", "reason for admission", "presenting complaint", "complaint");
        Add(SectionKind.HistoryOfPresentIllness, "history of present illness", "hpi", "present illness", "history of the present illness", "interval history", "subjective", "s", "history");
        Add(SectionKind.PastMedicalHistory, "past medical history", "pmh", "pmhx", "medical history", "past history", "problem list", "past medical hx");
        Add(SectionKind.PastSurgicalHistory, "past surgical history", "psh", "surgical history", "past surgical hx");
        Add(SectionKind.Medications, "medications", "meds", "medications on admission", "admission medications", "home medications", "current medications", "outpatient medications", "home meds", "medication");
        Add(SectionKind.Allergies, "allergies", "allergy", "drug allergies", "adverse reactions", "allergies and adverse reactions");
        Add(SectionKind.FamilyHistory, "family history", "fh", "fhx", "family hx");
        Add(SectionKind.SocialHistory, "social history", "sh", "social", "social hx", "shx");
        Add(SectionKind.ReviewOfSystems, "review of systems", "ros");
        Add(SectionKind.PhysicalExam, "physical exam", "physical examination", "exam", "examination", "pe", "objective", "o", "vitals", "vital signs", "general");
        Add(SectionKind.Results, "labs", "laboratory", "laboratory data", "lab results", "results", "imaging", "studies", "pertinent results", "findings", "data", "diagnostics");
        Add(SectionKind.AssessmentAndPlan, "assessment and plan", "assessment & plan", "assessment/plan", "a/p", "a&p", "a p", "impression and plan", "assessment", "impression", "plan", "a", "p", "recommendations", "impression/plan");
        Add(SectionKind.HospitalCourse, "hospital course", "brief hospital course", "course", "clinical course");
        Add(SectionKind.DischargeDiagnoses, "discharge diagnosis", "discharge diagnoses", "final diagnosis", "final diagnoses", "diagnoses", "diagnosis");
        Add(SectionKind.DischargeMedications, "discharge medications", "medications on discharge", "discharge meds");
        Add(SectionKind.DischargeInstructions, "discharge instructions", "instructions", "follow up", "follow-up", "followup", "disposition", "discharge disposition");
        return table;
    }
}
