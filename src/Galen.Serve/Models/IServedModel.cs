using Galen.Core.Learning;

namespace Galen.Serve.Models;

/// <summary>
/// A model as the service sees it: a binary risk model over named tabular features that gives a
/// probability and the top reasons for it. Model families (ML.NET, TorchSharp) reach the service
/// through an adapter that implements this from a bundle; see <see cref="IModelLoader"/>.
/// Implementations are safe to call from several threads at once.
/// </summary>
public interface IServedModel
{
    /// <summary>What the model predicts; the service serves binary outcomes (risk of the positive class).</summary>
    LabelSchema Outcome { get; }

    /// <summary>Family and settings in words, e.g. "LightGBM, 200 trees".</summary>
    string Description { get; }

    /// <summary>The input columns, in the order <see cref="Predict"/> reads them.</summary>
    IReadOnlyList<FeatureSpec> Features { get; }

    /// <summary>What a clinician should know about the model.</summary>
    ModelCard Card { get; }

    /// <summary>
    /// The probability of the outcome for each row of <paramref name="rows"/> (columns as in
    /// <see cref="Features"/>, NaN = missing) with up to <paramref name="topReasons"/> reasons,
    /// strongest first.
    /// </summary>
    IReadOnlyList<RiskPrediction> Predict(FeatureMatrix rows, int topReasons);
}
