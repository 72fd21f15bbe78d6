namespace Galen.Data.Synthetic.Catalog;

/// <summary>A clinically known interaction between two drugs of the catalogue.</summary>
/// <param name="First">Drug key.</param>
/// <param name="Second">Drug key.</param>
/// <param name="Severity">"contraindicated", "major" or "moderate".</param>
/// <param name="Effect">What the combination risks.</param>
public sealed record DrugInteraction(string First, string Second, string Severity, string Effect);

/// <summary>Drug–drug interactions the generator knows (well-documented pairs only).</summary>
public static class InteractionCatalog
{
    public static IReadOnlyList<DrugInteraction> All { get; } =
    [
        new("warfarin", "aspirin", "major", "bleeding"),
        new("warfarin", "amiodarone", "major", "raised INR and bleeding"),
        new("warfarin", "levofloxacin", "moderate", "raised INR and bleeding"),
        new("warfarin", "sertraline", "moderate", "bleeding"),
        new("warfarin", "clopidogrel", "major", "bleeding"),
        new("apixaban", "aspirin", "moderate", "bleeding"),
        new("apixaban", "clopidogrel", "moderate", "bleeding"),
        new("rivaroxaban", "aspirin", "moderate", "bleeding"),
        new("apixaban", "enoxaparin", "major", "bleeding (duplicate anticoagulation)"),
        new("warfarin", "enoxaparin", "moderate", "bleeding"),
        new("aspirin", "clopidogrel", "moderate", "bleeding"),
        new("prednisone", "aspirin", "moderate", "gastrointestinal bleeding"),
        new("lisinopril", "spironolactone", "major", "hyperkalemia"),
        new("losartan", "spironolactone", "major", "hyperkalemia"),
        new("lisinopril", "potassium_chloride", "moderate", "hyperkalemia"),
        new("spironolactone", "potassium_chloride", "major", "hyperkalemia"),
        new("lisinopril", "losartan", "major", "hyperkalemia and acute kidney injury (dual RAAS blockade)"),
        new("sacubitril_valsartan", "lisinopril", "contraindicated", "angioedema"),
        new("digoxin", "amiodarone", "major", "digoxin toxicity"),
        new("digoxin", "furosemide", "moderate", "hypokalemia increasing digoxin toxicity"),
        new("simvastatin", "amiodarone", "major", "myopathy and rhabdomyolysis"),
        new("simvastatin", "diltiazem", "moderate", "myopathy"),
        new("metoprolol", "diltiazem", "major", "bradycardia and heart block"),
        new("amiodarone", "azithromycin", "major", "QT prolongation"),
        new("amiodarone", "levofloxacin", "major", "QT prolongation"),
        new("amiodarone", "ondansetron", "moderate", "QT prolongation"),
        new("morphine", "oxycodone", "major", "respiratory depression"),
        new("sertraline", "ondansetron", "moderate", "serotonin syndrome"),
        new("tiotropium", "ipratropium", "moderate", "additive anticholinergic effects"),
        new("methylprednisolone", "insulin_glargine", "moderate", "hyperglycemia"),
    ];

    /// <summary>True when the two drug keys form a listed pair whose effect involves bleeding.</summary>
    public static bool RaisesBleeding(IReadOnlyCollection<string> drugKeys) =>
        All.Any(i => i.Effect.Contains("bleeding", StringComparison.Ordinal) && drugKeys.Contains(i.First) && drugKeys.Contains(i.Second));
}
