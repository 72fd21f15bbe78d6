using Galen.Serve.Hosting;
using Galen.Serve.Models;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Galen.Serve.Fhir;

/// <summary>
/// Scores a patient from FHIR resources: extracts the model's features with the configured
/// <see cref="IFhirFeatureExtractor"/>, predicts (audited), and returns the RiskAssessment.
/// Shared by <c>$predict</c> and CDS Hooks.
/// </summary>
public sealed class FhirPrediction(RiskService risk, RiskAssessmentBuilder builder, IServiceProvider services)
{
    /// <summary>The prediction and its RiskAssessment.</summary>
    public async Task<(RiskPrediction Prediction, RiskAssessment Assessment)> PredictAsync(
        ServedModel model, ClinicalBundle bundle, int reasons, string actor, string channel, CancellationToken cancellationToken)
    {
        var (prediction, features, now) = await ScoreCoreAsync(model, bundle, reasons, actor, channel, cancellationToken).ConfigureAwait(false);
        return (prediction, builder.Build(model, bundle, prediction, features.Basis, now, features.SetAside));
    }

    /// <summary>The prediction alone (audited like every prediction), for channels that answer without a RiskAssessment (CDS Hooks cards).</summary>
    public async Task<RiskPrediction> ScoreAsync(ServedModel model, ClinicalBundle bundle, int reasons, string actor, string channel, CancellationToken cancellationToken) =>
        (await ScoreCoreAsync(model, bundle, reasons, actor, channel, cancellationToken).ConfigureAwait(false)).Prediction;

    private async Task<(RiskPrediction Prediction, FhirFeatures Features, DateTimeOffset At)> ScoreCoreAsync(
        ServedModel model, ClinicalBundle bundle, int reasons, string actor, string channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(bundle);
        var extractor = services.GetService<IFhirFeatureExtractor>() ?? throw new NotConfiguredException(
            "This service has no FHIR feature extractor, so it cannot turn FHIR resources into model features.",
            "Serve with the data layer's extractor installed, or send features to /api/models/{id}/predict.");
        var now = DateTimeOffset.UtcNow;
        var features = extractor.Extract(bundle, model, now);
        if (features.Input is null && features.Values.Length != model.Features.Count)
        {
            throw new InvalidOperationException($"The FHIR feature extractor returned {features.Values.Length} values for {model.Features.Count} features.");
        }

        var prediction = await risk.PredictAsync(model, features.Values, features.Input, reasons, actor, channel, cancellationToken).ConfigureAwait(false);
        return (prediction, features, now);
    }
}
