using Galen.Core.Clinical;
using Galen.Data.Store;
using Hl7.Fhir.Model;

namespace Galen.Data.Ingest.Fhir;

/// <summary>
/// What a FHIR resource means clinically — visit class, codes, times, an observation's category
/// and value — in one place, shared by the ingest (<see cref="FhirResources"/>, into the store)
/// and by single-patient scoring (<see cref="Scoring.FhirTimeline"/>, into an in-memory timeline),
/// so a patient scored from a FHIR Bundle gets the same events as the same patient ingested.
/// </summary>
internal static class FhirClinicalMapping
{
    private static readonly HashSet<string> InpatientClasses = new(StringComparer.OrdinalIgnoreCase) { "IMP", "ACUTE", "NONAC", "PRENC", "inpatient" };

    /// <summary>The store's visit class of an encounter: inpatient, emergency, outpatient or other.</summary>
    public static string VisitClass(Encounter encounter)
    {
        string code = encounter.Class?.Code ?? string.Empty;
        return InpatientClasses.Contains(code) ? "inpatient" : code.Equals("EMER", StringComparison.OrdinalIgnoreCase) ? "emergency"
            : code is "AMB" or "VR" or "HH" or "OBSENC" ? "outpatient" : "other";
    }

    /// <summary>True when the discharge disposition is "exp" (expired).</summary>
    public static bool Expired(Encounter encounter) =>
        encounter.Hospitalization?.DischargeDisposition?.Coding.Any(c => string.Equals(c.Code, "exp", StringComparison.OrdinalIgnoreCase)) == true;

    /// <summary>When a condition is dated: its onset, else when it was recorded.</summary>
    public static string? ConditionTime(Condition condition) => FhirValues.Start(condition.Onset) ?? condition.RecordedDate;

    /// <summary>A diagnosis or procedure code in the first known vocabulary of <paramref name="preferred"/>, ICD codes dotted.</summary>
    public static ClinicalCode? Code(CodeableConcept? code, params string[] preferred)
    {
        if (FhirValues.Code(code, preferred) is not { } clinical)
        {
            return null;
        }

        return clinical.System is CodeSystems.Icd10Cm or CodeSystems.Icd9Cm or CodeSystems.Icd10Pcs
            ? clinical with { Code = IcdCodes.Normalize(clinical.System, clinical.Code) ?? clinical.Code }
            : clinical;
    }

    /// <summary>The vocabularies a condition's code is taken from, in order of preference.</summary>
    public static readonly string[] ConditionSystems = [CodeSystems.Icd10Cm, CodeSystems.Icd9Cm, CodeSystems.SnomedCt];

    /// <summary>The vocabularies a procedure's code is taken from, in order of preference.</summary>
    public static readonly string[] ProcedureSystems = [CodeSystems.Icd10Pcs, CodeSystems.SnomedCt];

    /// <summary>A medication's drug code (RxNorm, NDC or ATC; ATC upper-cased) and its ATC code, when coded.</summary>
    public static (ClinicalCode? Drug, ClinicalCode? Atc) Medication(DataType? medication)
    {
        var concept = medication as CodeableConcept;
        var drug = FhirValues.Code(concept, CodeSystems.RxNorm, CodeSystems.Ndc, CodeSystems.Atc);
        if (drug is { System: CodeSystems.Atc })
        {
            drug = drug with { Code = drug.Code.ToUpperInvariant() };
        }

        return (drug, FhirValues.Atc(concept));
    }

    /// <summary>The end of a medication request: the end of its first dosage's timing bounds.</summary>
    public static string? RequestEnd(MedicationRequest request) =>
        (request.DosageInstruction.FirstOrDefault()?.Timing?.Repeat?.Bounds as Period)?.End;

    /// <summary>When an observation was made: its effective time, else when it was issued ("" when neither).</summary>
    public static string ObservationTime(Observation observation) =>
        FhirValues.Start(observation.Effective) ?? observation.Issued?.ToString("o", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>
    /// Laboratory or vital sign for observations of those categories (stored as measurements);
    /// null for any other category (stored in the observation table, not on timelines).
    /// </summary>
    public static MeasurementCategory? Category(Observation observation)
    {
        var categories = observation.Category.SelectMany(c => c.Coding).Select(c => c.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return categories.Contains("vital-signs") ? MeasurementCategory.VitalSign
            : categories.Contains("laboratory") ? MeasurementCategory.Laboratory
            : null;
    }

    /// <summary>The (code, value) pairs of an observation: one per component of a panel, else its own.</summary>
    public static List<(CodeableConcept? Code, DataType? Value)> Parts(Observation observation) =>
        observation.Component.Count > 0
            ? observation.Component.Select(c => ((CodeableConcept?)c.Code, c.Value)).ToList()
            : [(observation.Code, observation.Value)];

    /// <summary>An observation's code: LOINC, else SNOMED CT, else the first known vocabulary.</summary>
    public static ClinicalCode? ObservationCode(CodeableConcept? code) => FhirValues.Code(code, CodeSystems.Loinc, CodeSystems.SnomedCt);

    /// <summary>An observation value as a number (quantity, integer, boolean 1/0) or text, with the quantity's unit.</summary>
    public static (double? Number, string? Text, string? Unit) Value(DataType? value) => value switch
    {
        // "<0.01 ng/mL" (a comparator) is a result beyond a limit, not the number 0.01: kept as text, as MIMIC writes it.
        Quantity { Comparator: { } comparator } q => (null, Hl7.Fhir.Utility.EnumUtility.GetLiteral(comparator) + q.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture), UnitOf(q)),
        Quantity q => ((double?)q.Value, null, UnitOf(q)),
        FhirString s => (null, s.Value, null),
        CodeableConcept c => (null, FhirValues.Text(c), null),
        FhirBoolean b => (b.Value is null ? null : b.Value.Value ? 1 : 0, null, null),
        Integer i => (i.Value, null, null),
        _ => (null, null, null),
    };

    private static string? UnitOf(Quantity q) => string.IsNullOrWhiteSpace(q.Unit ?? q.Code) ? null : (q.Unit ?? q.Code)!.Trim();
}
