using Galen.Core.Learning;

namespace Galen.Data.Preprocessing;

/// <summary>
/// Several featurizers in sequence, fitted in order: each on the training rows as the previous
/// steps transformed them. The result is itself an <see cref="IFeaturizer"/>.
/// </summary>
public sealed class FeaturePipeline(params IFeaturizer[] steps) : IFeaturizer
{
    public IReadOnlyList<IFeaturizer> Steps { get; } = steps;

    /// <summary>Galen's default for tabular task features: clip outliers, impute medians with indicators, standardise.</summary>
    public static FeaturePipeline Default() => new(new OutlierClipper(), new SimpleImputer(ImputationStrategy.Median, addIndicators: true), new Standardizer());

    public IFittedFeaturizer Fit(FeatureMatrix train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var fitted = new List<IFittedFeaturizer>(Steps.Count);
        var current = train;
        foreach (var step in Steps)
        {
            var transform = step.Fit(current);
            fitted.Add(transform);
            current = transform.Transform(current);
        }

        return new Fitted(fitted, train.Features);
    }

    private sealed class Fitted(List<IFittedFeaturizer> steps, IReadOnlyList<FeatureSpec> inputs) : IFittedFeaturizer
    {
        public IReadOnlyList<FeatureSpec> OutputFeatures => steps.Count == 0 ? inputs : steps[^1].OutputFeatures;

        public FeatureMatrix Transform(FeatureMatrix rows)
        {
            ArgumentNullException.ThrowIfNull(rows);
            var current = rows;
            foreach (var step in steps)
            {
                current = step.Transform(current);
            }

            return current;
        }
    }
}
