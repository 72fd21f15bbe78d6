using Galen.Core.Progress;

namespace Galen.Core.Learning;

/// <summary>
/// Model inputs that can be subset by row: a <see cref="FeatureMatrix"/> for tabular models,
/// code-sequence or time-series batches for sequence models, image sets for CNNs.
/// </summary>
public interface IInputs<TSelf>
    where TSelf : IInputs<TSelf>
{
    /// <summary>Samples held.</summary>
    int Count { get; }

    /// <summary>The given samples, in the given order.</summary>
    TSelf Select(IReadOnlyList<int> rows);
}

/// <summary>Inputs with their true targets and who each sample is about.</summary>
public sealed record LabelledSet<TInputs>(TInputs Inputs, TargetMatrix Targets, IReadOnlyList<SampleInfo> Samples)
    where TInputs : IInputs<TInputs>
{
    public int Count => Inputs.Count;

    public LabelledSet<TInputs> Select(IReadOnlyList<int> rows) =>
        new(Inputs.Select(rows), Targets.Select(rows), rows.Select(r => Samples[r]).ToArray());
}

/// <summary>A fitted model: maps inputs to predictions. Safe to call from several threads.</summary>
public interface IModel<in TInputs>
{
    /// <summary>What the model predicts.</summary>
    LabelSchema Schema { get; }

    /// <summary>Family and settings in words, e.g. "LightGBM, 200 trees".</summary>
    string Description { get; }

    Predictions Predict(TInputs inputs);
}

/// <summary>
/// Makes a model from training data. Configuration is fixed at construction (a plain options
/// record); everything learned lives in the returned model, never in the trainer.
/// </summary>
public interface ITrainer<TInputs>
    where TInputs : IInputs<TInputs>
{
    /// <summary>Short name for leaderboards, e.g. "lightgbm".</summary>
    string Name { get; }

    /// <summary>
    /// Fits a model on <paramref name="train"/>. <paramref name="validation"/>, when given, is
    /// used only for early stopping and model selection, never for fitting statistics.
    /// </summary>
    IModel<TInputs> Fit(
        LabelledSet<TInputs> train,
        LabelledSet<TInputs>? validation = null,
        IProgress<WorkProgress>? progress = null,
        CancellationToken cancellationToken = default);
}

/// <summary>
/// A preprocessing step that learns statistics (means, vocabularies, imputation models) from
/// training rows only and then transforms any rows with them. Leakage-proof by construction:
/// the only way to get a transform is to fit one.
/// </summary>
public interface IFeaturizer
{
    /// <summary>Learns from <paramref name="train"/> and returns the fitted transform.</summary>
    IFittedFeaturizer Fit(FeatureMatrix train);
}

/// <summary>A featurizer's learned state; applies the same transform to any rows.</summary>
public interface IFittedFeaturizer
{
    /// <summary>Columns produced by <see cref="Transform"/>.</summary>
    IReadOnlyList<FeatureSpec> OutputFeatures { get; }

    FeatureMatrix Transform(FeatureMatrix rows);
}
