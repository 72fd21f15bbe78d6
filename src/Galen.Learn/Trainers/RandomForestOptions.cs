using System.Text.Json.Serialization;
using Galen.Learn.Configuration;
using Galen.Learn.Trees;

namespace Galen.Learn.Trainers;

/// <summary>
/// Galen's random forest (the "forest" trainer), configured as scikit-learn's
/// <c>RandomForestClassifier</c> / <c>RandomForestRegressor</c> with the same defaults; each
/// option names the scikit-learn parameter it mirrors.
/// </summary>
public sealed record RandomForestOptions : TabularTrainerOptions
{
    /// <summary>Trees in the forest (n_estimators).</summary>
    public int Trees { get; init; } = 100;

    /// <summary>Deepest a tree may grow (max_depth); null grows until leaves are pure or too small to split.</summary>
    public int? MaximumDepth { get; init; }

    /// <summary>Fewest distinct training rows a node needs to be split (min_samples_split).</summary>
    public int MinimumSamplesPerSplit { get; init; } = 2;

    /// <summary>Fewest distinct training rows each side of a split must keep (min_samples_leaf).</summary>
    public int MinimumSamplesPerLeaf { get; init; } = 1;

    /// <summary>Most leaves per tree (max_leaf_nodes); when set, trees grow best-first. Null: no limit.</summary>
    public int? MaximumLeaves { get; init; }

    /// <summary>
    /// Features drawn at each split (max_features): "sqrt", "log2", "all", a fraction such as
    /// "0.3" (written with a decimal point) or a count such as "12". Null: "sqrt" for
    /// classification, "all" for regression, as scikit-learn.
    /// </summary>
    [JsonConverter(typeof(NumberOrTextJsonConverter))]
    public string? FeaturesPerSplit { get; init; }

    /// <summary>Draw each tree's rows with replacement (bootstrap); false gives every tree all rows.</summary>
    public bool Bootstrap { get; init; } = true;

    /// <summary>Rows drawn per tree as a fraction of the training rows (max_samples); null draws as many as there are.</summary>
    public double? SampleFraction { get; init; }

    /// <summary>Classification split criterion (criterion); regression always uses squared error.</summary>
    public SplitCriterion Criterion { get; init; } = SplitCriterion.Gini;

    /// <summary>
    /// Histogram bins per feature, 2–256. Splits are searched between bins cut at training
    /// quantiles; a feature with no more distinct values than bins is split exactly.
    /// </summary>
    public int Bins { get; init; } = 256;
}
