using Galen.Core.Learning;

namespace Galen.Serve.Fhir;

/// <summary>
/// Turns one patient's FHIR resources into the feature row a model expects. Implemented by the
/// data layer, which owns the mapping from codes (LOINC, ICD-10, RxNorm) to task features.
/// </summary>
public interface IFhirFeatureExtractor
{
    /// <summary>
    /// Values for <paramref name="features"/>, in their order, NaN where the bundle has no data,
    /// and references to the resources the values came from (for RiskAssessment.basis).
    /// </summary>
    FhirFeatures Extract(ClinicalBundle bundle, IReadOnlyList<FeatureSpec> features, DateTimeOffset asOf);
}

/// <summary>A feature row extracted from FHIR resources.</summary>
/// <param name="Values">One value per requested feature, NaN = missing.</param>
/// <param name="Basis">References (e.g. <c>Observation/123</c>) of the resources used.</param>
public sealed record FhirFeatures(float[] Values, IReadOnlyList<string> Basis);
