using System.Globalization;
using Galen.Serve.Hosting;
using Galen.Serve.Models;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Galen.Serve.Fhir;

/// <summary>
/// Builds the FHIR R4 RiskAssessment for a prediction: final status, the patient as subject,
/// the latest encounter, one prediction with the outcome, its probability (decimal) and a
/// qualitative risk, the resources it was based on, and the method naming the model version.
/// </summary>
public sealed class RiskAssessmentBuilder(ServeOptions options)
{
    /// <summary>Code system of Galen's model versions in <c>RiskAssessment.method</c>.</summary>
    public const string ModelSystem = "urn:galen:model";

    /// <summary>Code system of outcomes in <c>prediction.outcome</c>.</summary>
    public const string OutcomeSystem = "urn:galen:outcome";

    /// <summary>HL7's qualitative risk codes.</summary>
    public const string RiskProbabilitySystem = "http://terminology.hl7.org/CodeSystem/risk-probability";

    private static readonly FhirJsonSerializer Serializer = new();

    /// <summary>Decimals of <c>probabilityDecimal</c>: enough for scores to agree with batch scoring to 1e-6.</summary>
    public const int ProbabilityDecimals = 6;

    public RiskAssessment Build(ServedModel model, ClinicalBundle bundle, RiskPrediction prediction, IReadOnlyList<string> basis, DateTimeOffset at, IReadOnlyList<string>? setAside = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(basis);
        var assessment = new RiskAssessment
        {
            Id = Guid.NewGuid().ToString("N"),
            Status = ObservationStatus.Final,
            Subject = new ResourceReference("Patient/" + bundle.Patient.Id),
            Occurrence = new FhirDateTime(at),
            Method = new CodeableConcept(ModelSystem, model.Entry.Key, $"{model.Entry.Title} (version {model.Version})")
            {
                Text = $"Galen model {model.Entry.Key}: {model.Model.Description}",
            },
            Basis = basis.Select(b => new ResourceReference(b)).ToList(),
            Prediction =
            [
                new RiskAssessment.PredictionComponent
                {
                    Outcome = new CodeableConcept(OutcomeSystem, model.Model.Outcome.Name, model.Model.Outcome.Description)
                    {
                        Text = model.Model.Outcome.Description,
                    },
                    Probability = new FhirDecimal(Math.Round((decimal)prediction.Probability, ProbabilityDecimals)),
                    QualitativeRisk = QualitativeRisk(prediction.Probability),
                    Rationale = Rationale(prediction),
                },
            ],
        };
        if (bundle.LatestEncounter is { Id: { } encounterId })
        {
            assessment.Encounter = new ResourceReference("Encounter/" + encounterId);
        }

        if (setAside is { Count: > 0 })
        {
            // Nothing is dropped silently: resources that could not be used are named, with why.
            assessment.Note = [new Annotation { Text = new Markdown($"{setAside.Count} resource(s) not used: " + string.Join("; ", setAside.Take(20)) + (setAside.Count > 20 ? "; …" : string.Empty)) }];
        }

        return assessment;
    }

    /// <summary>The FHIR JSON of a resource.</summary>
    public static string Serialize(Resource resource) => Serializer.SerializeToString(resource);

    private CodeableConcept QualitativeRisk(double probability)
    {
        var (code, display) = probability >= options.Cds.CriticalThreshold ? ("high", "High likelihood")
            : probability >= options.Cds.WarningThreshold ? ("moderate", "Moderate likelihood")
            : ("low", "Low likelihood");
        return new CodeableConcept(RiskProbabilitySystem, code, display);
    }

    private static string? Rationale(RiskPrediction prediction)
    {
        string? reasons = prediction.Reasons.Count == 0 ? null : "Top reasons: " + string.Join("; ", prediction.Reasons.Select(ReasonText.Describe));
        return prediction.ReasonMethod is null ? reasons
            : reasons is null ? prediction.ReasonMethod
            : $"{reasons} ({prediction.ReasonMethod})";
    }
}
