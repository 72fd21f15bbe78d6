using Galen.Serve.Models;

namespace Galen.Serve.Fhir;

/// <summary>
/// Turns one patient's FHIR resources into the feature row a model expects. Implemented over
/// the data layer, which owns the mapping from codes (LOINC, ICD-10, RxNorm) to task features.
/// </summary>
public interface IFhirFeatureExtractor
{
    /// <summary>
    /// Values for <paramref name="model"/>'s features, in their order, NaN where the bundle has
    /// no data, references to the resources the values came from (for RiskAssessment.basis), and
    /// the resources set aside. Throws a <see cref="Core.Errors.GalenInputException"/> when the
    /// bundle cannot be scored by this model (answered as 400).
    /// </summary>
    FhirFeatures Extract(ClinicalBundle bundle, ServedModel model, DateTimeOffset asOf);
}

/// <summary>A feature row extracted from FHIR resources.</summary>
/// <param name="Values">One value per model feature, NaN = missing.</param>
/// <param name="Basis">References (e.g. <c>Observation/123</c>) of the resources used.</param>
/// <param name="SetAside">Resources not used, each with where it is and why (never its values).</param>
/// <param name="Input">For a model of patient records (<see cref="IPatientInputModel"/>), its input built from the bundle; else null.</param>
public sealed record FhirFeatures(float[] Values, IReadOnlyList<string> Basis, IReadOnlyList<string>? SetAside = null, IPatientInput? Input = null);
