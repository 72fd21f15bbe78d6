using Galen.Core.Learning;

namespace Galen.Data.Preprocessing;

/// <summary>
/// A featurizer fitted on a labelled training set, remembering exactly what it was fitted on
/// (<see cref="FitProvenance"/>) so a <see cref="LeakageAudit"/> can check it. The only way to
/// get one is <see cref="Fit"/>.
/// </summary>
public sealed class FittedPreprocessor : IFittedFeaturizer
{
    private readonly IFittedFeaturizer _fitted;

    private FittedPreprocessor(IFeaturizer featurizer, IFittedFeaturizer fitted, FitProvenance provenance)
    {
        Featurizer = featurizer;
        _fitted = fitted;
        Provenance = provenance;
    }

    /// <summary>The unfitted configuration.</summary>
    public IFeaturizer Featurizer { get; }

    public FitProvenance Provenance { get; }

    public IReadOnlyList<FeatureSpec> OutputFeatures => _fitted.OutputFeatures;

    /// <summary>Fits <paramref name="featurizer"/> on <paramref name="train"/>'s features only.</summary>
    public static FittedPreprocessor Fit(IFeaturizer featurizer, LabelledSet<FeatureMatrix> train)
    {
        ArgumentNullException.ThrowIfNull(featurizer);
        ArgumentNullException.ThrowIfNull(train);
        return new FittedPreprocessor(featurizer, featurizer.Fit(train.Inputs), FitProvenance.Of(train));
    }

    public FeatureMatrix Transform(FeatureMatrix rows) => _fitted.Transform(rows);

    /// <summary>The set with its features transformed; targets and samples unchanged.</summary>
    public LabelledSet<FeatureMatrix> Transform(LabelledSet<FeatureMatrix> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return set with { Inputs = Transform(set.Inputs) };
    }
}
