using Galen.Core.Clinical;

namespace Galen.Data.Preprocessing;

/// <summary>
/// Brings a measurement's values to one unit per code: spelling variants of a unit are the same
/// unit (mg/dl, mg/dL; °F, [degF]); mass and molar concentrations, masses, lengths and
/// temperatures convert by their fixed factors; mg/dL ↔ mmol/L converts for the analytes whose
/// molar mass is listed (glucose, creatinine, urea nitrogen, cholesterol, triglycerides, calcium,
/// magnesium, phosphate, bilirubin, uric acid); HbA1c mmol/mol → % by the IFCC–NGSP master
/// equation. Deterministic and fitted on nothing, so it cannot leak. Values in a unit with no
/// known conversion are reported, not guessed.
/// </summary>
public sealed class UnitHarmonizer
{
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["°c"] = "cel", ["?c"] = "cel", ["degc"] = "cel", ["c"] = "cel", ["cel"] = "cel", ["celsius"] = "cel",
        ["°f"] = "degf", ["?f"] = "degf", ["degf"] = "degf", ["f"] = "degf", ["fahrenheit"] = "degf",
        ["lbs"] = "lb", ["lb"] = "lb", ["lb_av"] = "lb", ["pounds"] = "lb", ["oz_av"] = "oz",
        ["in_i"] = "in", ["inch"] = "in", ["inches"] = "in",
        ["bpm"] = "/min", ["beats/min"] = "/min", ["breaths/min"] = "/min", ["{beats}/min"] = "/min", ["{breaths}/min"] = "/min", ["/min"] = "/min",
        ["mm[hg]"] = "mmhg", ["mmhg"] = "mmhg",
        ["ml/min/1.73m2"] = "ml/min/1.73m2", ["ml/min/{1.73_m2}"] = "ml/min/1.73m2", ["ml/min/1.73_m2"] = "ml/min/1.73m2", ["ml/min/1.73m^2"] = "ml/min/1.73m2",
        ["percent"] = "%",
    };

    // Each family: unit → size in the family's base unit.
    private static readonly Dictionary<string, double>[] Families =
    [
        new(StringComparer.Ordinal) { ["mg/dl"] = 1, ["mg/l"] = 0.1, ["g/l"] = 100, ["g/dl"] = 1000, ["ug/dl"] = 1e-3, ["ug/l"] = 1e-4, ["ng/ml"] = 1e-4, ["mg/ml"] = 100 },
        new(StringComparer.Ordinal) { ["mmol/l"] = 1, ["umol/l"] = 1e-3, ["nmol/l"] = 1e-6, ["mol/l"] = 1e3 },
        new(StringComparer.Ordinal) { ["kg"] = 1, ["g"] = 1e-3, ["lb"] = 0.45359237, ["oz"] = 0.028349523125 },
        new(StringComparer.Ordinal) { ["cm"] = 1, ["m"] = 100, ["mm"] = 0.1, ["in"] = 2.54 },
    ];

    /// <summary>mg/dL per mmol/L, by LOINC code.</summary>
    private static readonly Dictionary<string, double> MolarMasses = new(StringComparer.Ordinal)
    {
        ["2345-7"] = 18.016, ["2339-0"] = 18.016, ["41653-7"] = 18.016, ["2341-6"] = 18.016, // glucose
        ["2160-0"] = 11.312, ["38483-4"] = 11.312, // creatinine
        ["3094-0"] = 2.801, ["6299-2"] = 2.801, // urea nitrogen
        ["2093-3"] = 38.67, ["2085-9"] = 38.67, ["2089-1"] = 38.67, ["13457-7"] = 38.67, // cholesterol
        ["2571-8"] = 88.57, // triglycerides
        ["17861-6"] = 4.008, ["2000-8"] = 4.008, // calcium
        ["19123-9"] = 2.431, ["2601-3"] = 2.431, // magnesium
        ["2777-1"] = 3.097, // phosphate
        ["1975-2"] = 58.48, ["42719-5"] = 58.48, // bilirubin
        ["3084-1"] = 16.81, // uric acid
    };

    private static readonly HashSet<string> HbA1cCodes = new(StringComparer.Ordinal) { "4548-4", "17856-6", "4549-2" };

    /// <summary>Preferred unit by LOINC code (US conventional units, as MIMIC uses); others take their most frequent unit.</summary>
    private static readonly Dictionary<string, string> Preferred = new(StringComparer.Ordinal)
    {
        ["2345-7"] = "mg/dL", ["2339-0"] = "mg/dL", ["41653-7"] = "mg/dL", ["2160-0"] = "mg/dL", ["38483-4"] = "mg/dL", ["3094-0"] = "mg/dL",
        ["4548-4"] = "%", ["17856-6"] = "%", ["718-7"] = "g/dL", ["8310-5"] = "Cel", ["29463-7"] = "kg", ["3141-9"] = "kg", ["8302-2"] = "cm",
        ["2093-3"] = "mg/dL", ["2085-9"] = "mg/dL", ["2089-1"] = "mg/dL", ["2571-8"] = "mg/dL", ["17861-6"] = "mg/dL",
    };

    /// <summary>The unit a code's values are brought to, given how often each unit occurs for it.</summary>
    public string? CanonicalUnit(ClinicalCode code, IReadOnlyDictionary<string, long> unitCounts)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(unitCounts);
        if (code.System == CodeSystems.Loinc && Preferred.TryGetValue(code.Code, out var preferred))
        {
            return preferred;
        }

        return unitCounts.Count == 0
            ? null
            : unitCounts.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).First().Key;
    }

    /// <summary>How to turn a value of <paramref name="code"/> in <paramref name="from"/> into <paramref name="to"/>; null when Galen knows no conversion.</summary>
    public UnitConversion? Conversion(ClinicalCode code, string? from, string? to)
    {
        ArgumentNullException.ThrowIfNull(code);
        string? a = Normalize(from);
        string? b = Normalize(to);
        if (a == b)
        {
            return UnitConversion.Identity;
        }

        if (a is null || b is null)
        {
            return null;
        }

        if (a == "degf" && b == "cel")
        {
            return new UnitConversion(5.0 / 9.0, -32 * 5.0 / 9.0);
        }

        if (a == "cel" && b == "degf")
        {
            return new UnitConversion(9.0 / 5.0, 32);
        }

        foreach (var family in Families)
        {
            if (family.TryGetValue(a, out double sizeA) && family.TryGetValue(b, out double sizeB))
            {
                return new UnitConversion(sizeA / sizeB);
            }
        }

        bool loinc = code.System == CodeSystems.Loinc;
        if (loinc && HbA1cCodes.Contains(code.Code) && a == "mmol/mol" && b == "%")
        {
            return new UnitConversion(0.09148, 2.152);
        }

        if (loinc && MolarMasses.TryGetValue(code.Code, out double mgPerMmol))
        {
            // Via the base units of the two concentration families: mmol/L ↔ mg/dL.
            if (Families[1].TryGetValue(a, out double molar) && Families[0].TryGetValue(b, out double mass))
            {
                return new UnitConversion(molar * mgPerMmol / mass);
            }

            if (Families[0].TryGetValue(a, out mass) && Families[1].TryGetValue(b, out molar))
            {
                return new UnitConversion(mass / mgPerMmol / molar);
            }
        }

        return null;
    }

    /// <summary>The unit in a canonical spelling: lower case, no spaces or brackets, µ as u, synonyms merged.</summary>
    public static string? Normalize(string? unit)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return null;
        }

        var text = unit.Trim().ToLowerInvariant().Replace(" ", string.Empty, StringComparison.Ordinal)
            .Replace('µ', 'u').Replace('μ', 'u').Replace("[", string.Empty, StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal);
        return Synonyms.TryGetValue(text, out var canonical) ? canonical : text;
    }
}
