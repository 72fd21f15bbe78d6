namespace Galen.Learn.Trees;

/// <summary>
/// What a forest is grown with, resolved to numbers (the trainer validates its options and
/// turns rules such as "sqrt" into counts). Names follow scikit-learn's parameters.
/// </summary>
/// <param name="Trees">n_estimators.</param>
/// <param name="MaximumDepth">max_depth; null grows until leaves are pure or too small.</param>
/// <param name="MinimumSamplesPerSplit">min_samples_split: a node with fewer distinct rows is a leaf.</param>
/// <param name="MinimumSamplesPerLeaf">min_samples_leaf: a split must leave at least this many distinct rows on each side.</param>
/// <param name="MaximumLeaves">max_leaf_nodes; when set, trees grow best-first (largest impurity decrease first).</param>
/// <param name="FeaturesPerSplit">max_features as a count: features drawn at each node.</param>
/// <param name="Bootstrap">Draw each tree's rows with replacement.</param>
/// <param name="SamplesPerTree">Rows drawn per tree when bootstrapping (max_samples).</param>
/// <param name="Criterion">Classification split criterion.</param>
/// <param name="BalancePerBootstrap">Weight classes by their counts in each tree's bootstrap sample (class_weight="balanced_subsample").</param>
/// <param name="Bins">Histogram bins per feature (2–256).</param>
/// <param name="Threads">Trees grown at once.</param>
/// <param name="Seed">Forest seed; tree t draws from a stream derived from it and t, so results do not depend on threads.</param>
internal sealed record ForestSettings(
    int Trees,
    int? MaximumDepth,
    int MinimumSamplesPerSplit,
    int MinimumSamplesPerLeaf,
    int? MaximumLeaves,
    int FeaturesPerSplit,
    bool Bootstrap,
    int SamplesPerTree,
    SplitCriterion Criterion,
    bool BalancePerBootstrap,
    int Bins,
    int Threads,
    int Seed);
