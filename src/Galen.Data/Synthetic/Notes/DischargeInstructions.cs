using System.Globalization;
using System.Text;
using Galen.Core.Clinical;
using Galen.Data.Synthetic.Catalog;
using Galen.Data.Synthetic.Model;

namespace Galen.Data.Synthetic.Notes;

/// <summary>An admission's codes and the discharge instructions they determine.</summary>
/// <param name="Codes">Diagnoses (SEQ order), procedures (in order), then the medications started in hospital and continued at discharge (ATC).</param>
/// <param name="Source">The codes as one line: <c>dx:I50.23 dx:I10 px:0BH17EZ rx:C03CA01 …</c>.</param>
/// <param name="Instructions">The patient instructions, one sentence per instruction.</param>
public sealed record DischargeInstructionPair(IReadOnlyList<ClinicalCode> Codes, string Source, string Instructions);

/// <summary>
/// Patient discharge instructions written as a fixed function of an admission's codes, for
/// learning and measuring text generation (a sequence-to-sequence model reads the codes and must
/// write the instructions; BLEU and ROUGE-L against these references are meaningful because the
/// text is determined by the codes). Kept apart from the note templates: it adds pairs, and
/// changes no note.
/// <para>The instructions, in this order:</para>
/// <list type="number">
/// <item>"You were in the hospital for {reason}." from the principal diagnosis (its admission reason, in plain words);</item>
/// <item>one sentence per secondary diagnosis that calls for self-care, in code order, each at most once:
/// chronic heart failure (I50.*) "Weigh yourself every morning.", type 2 diabetes (E11.*) "Check your
/// blood sugar before meals.", chronic kidney disease (N18.*) "Avoid ibuprofen and naproxen.", COPD
/// (J44.9) "Use your inhalers every day.", hypertension (I10) "Check your blood pressure at home.",
/// current smoking (F17.210) "Stop smoking.", long-term anticoagulation (Z79.01) "Watch for bleeding
/// while you take a blood thinner.";</item>
/// <item>"Start {drug} {dose} {unit} {how often}." for each medication started in hospital and continued
/// at discharge (not intravenous), in prescription order;</item>
/// <item>"Come back if you have {warning signs}." for the principal diagnosis's reason.</item>
/// </list>
/// Procedures are in the source but write nothing. Patients who died have no instructions.
/// </summary>
public static class DischargeInstructions
{
    private static readonly Dictionary<string, (string Reason, string Warning)> Reasons = new(StringComparer.Ordinal)
    {
        ["sepsis"] = ("a serious infection (sepsis)", "a fever, chills or confusion"),
        ["pneumonia"] = ("pneumonia", "trouble breathing or a high fever"),
        ["uti"] = ("a urinary tract infection", "a fever or pain when you urinate"),
        ["heart_failure_exacerbation"] = ("a heart failure flare", "more swelling or shortness of breath"),
        ["copd_exacerbation"] = ("a COPD flare", "more wheezing or shortness of breath"),
        ["nstemi"] = ("a heart attack", "chest pain or sweating"),
        ["ischemic_stroke"] = ("a stroke", "new weakness or trouble speaking"),
        ["gi_bleed"] = ("bleeding in the gut", "black stools or vomiting blood"),
        ["aki"] = ("a kidney injury", "less urine or swelling"),
        ["dka"] = ("diabetic ketoacidosis", "vomiting or a very high blood sugar"),
        ["afib_rvr"] = ("a fast irregular heartbeat", "palpitations or dizziness"),
        ["pulmonary_embolism"] = ("a blood clot in the lung", "chest pain or shortness of breath"),
        ["cellulitis"] = ("a skin infection of the leg", "spreading redness or a fever"),
        ["hip_fracture"] = ("a broken hip", "more hip pain or a fall"),
        ["syncope"] = ("fainting", "another faint or a fast heartbeat"),
        ["chest_pain"] = ("chest pain", "chest pain that does not go away"),
        ["pancreatitis"] = ("pancreatitis", "belly pain or vomiting"),
        ["hypoglycemia"] = ("low blood sugar", "shakiness, sweating or confusion"),
        ["knee_replacement"] = ("a knee replacement", "knee redness or a fever"),
        ["colectomy"] = ("colon surgery", "belly pain or a fever"),
    };

    private static readonly (string Prefix, bool Exact, string Sentence)[] SelfCare =
    [
        ("I50.", false, "Weigh yourself every morning."),
        ("E11.", false, "Check your blood sugar before meals."),
        ("N18.", false, "Avoid ibuprofen and naproxen."),
        ("J44.9", true, "Use your inhalers every day."),
        ("I10", true, "Check your blood pressure at home."),
        ("F17.210", true, "Stop smoking."),
        ("Z79.01", true, "Watch for bleeding while you take a blood thinner."),
    ];

    private static readonly Dictionary<string, string> Frequencies = new(StringComparer.Ordinal)
    {
        ["daily"] = "once a day",
        ["BID"] = "twice a day",
        ["TID"] = "three times a day",
        ["nightly"] = "at bedtime",
        ["weekly"] = "once a week",
        ["q4h PRN"] = "every 4 hours as needed",
        ["q6h PRN"] = "every 6 hours as needed",
        ["q8h PRN"] = "every 8 hours as needed",
        ["q8h"] = "every 8 hours",
        ["q6h"] = "every 6 hours",
        ["PRN"] = "as needed",
        ["once"] = "once",
    };

    /// <summary>The pair for one admission, or null when the patient died in hospital.</summary>
    public static DischargeInstructionPair? For(SyntheticAdmission admission)
    {
        ArgumentNullException.ThrowIfNull(admission);
        if (admission.DiedInHospital || admission.Diagnoses.Count == 0)
        {
            return null;
        }

        var started = admission.Prescriptions
            .Where(p => !p.IsHomeMedication && p.End >= admission.DischargeTime && p.Drug.Route != "IV")
            .Select(p => p.Drug)
            .DistinctBy(d => d.Atc)
            .ToArray();
        var codes = new List<ClinicalCode>(admission.Diagnoses);
        codes.AddRange(admission.Procedures.Select(p => p.Code));
        codes.AddRange(started.Select(d => new ClinicalCode(CodeSystems.Atc, d.Atc, d.Name)));

        var text = new StringBuilder();
        string principal = admission.Diagnoses[0].Code;
        var reason = ReasonCatalog.All.FirstOrDefault(r => r.Codes.Any(c => c.Code == principal)) ?? ReasonCatalog.Get(admission.Reason);
        var (name, warning) = Reasons[reason.Key];
        text.Append("You were in the hospital for ").Append(name).Append('.');
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var diagnosis in admission.Diagnoses.Skip(1))
        {
            foreach (var (prefix, exact, sentence) in SelfCare)
            {
                bool matches = exact ? diagnosis.Code == prefix : diagnosis.Code.StartsWith(prefix, StringComparison.Ordinal);
                if (matches && written.Add(sentence))
                {
                    text.Append(' ').Append(sentence);
                }
            }
        }

        foreach (var drug in started)
        {
            text.Append(' ').Append(string.Create(
                CultureInfo.InvariantCulture,
                $"Start {drug.Name.ToLowerInvariant()} {drug.Dose:0.###} {drug.DoseUnit} {Frequencies.GetValueOrDefault(drug.Frequency, drug.Frequency)}."));
        }

        text.Append(" Come back if you have ").Append(warning).Append('.');
        string source = string.Join(' ', codes.Select(Token));
        return new DischargeInstructionPair(codes, source, text.ToString());
    }

    private static string Token(ClinicalCode code) => code.System switch
    {
        CodeSystems.Icd10Cm => "dx:" + code.Code,
        CodeSystems.Icd10Pcs => "px:" + code.Code,
        CodeSystems.Atc => "rx:" + code.Code,
        _ => code.System + ":" + code.Code,
    };
}
