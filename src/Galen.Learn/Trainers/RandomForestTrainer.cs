using System.Globalization;
using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Learn.Tabular;
using Galen.Learn.Trees;

namespace Galen.Learn.Trainers;

/// <summary>
/// Galen's own random forest (Breiman's, grown as scikit-learn grows it): bootstrap samples,
/// a random subset of features at every node, Gini (or entropy) splits for classes and squared
/// error for values, probabilities as the mean of the trees' leaf class frequencies. Native
/// multiclass; one forest per label for multi-label. Split finding runs on features binned
/// once at training quantiles (see <see cref="RandomForestOptions.Bins"/>); trees grow in
/// parallel and each tree's random stream comes from the seed and its index, so the forest is
/// the same on any number of threads. Missing values are imputed by the tabular preprocessing
/// (training median plus a "not recorded" column), as for every tabular model.
/// </summary>
public sealed class RandomForestTrainer : TabularTrainer
{
    public RandomForestTrainer()
        : this(new RandomForestOptions())
    {
    }

    /// <exception cref="GalenConfigurationException">An option is out of range; the message names it.</exception>
    public RandomForestTrainer(RandomForestOptions options)
        : base(options)
    {
        Validate(options);
    }

    private RandomForestOptions Settings => (RandomForestOptions)Options;

    public override string Name => "forest";

    protected override bool Standardize => false;

    protected override bool WeighsClassesPerBootstrap => true;

    protected override bool ReadsDataViews => false;

    public override string Describe(LabelKind kind)
    {
        var s = Settings;
        string depth = s.MaximumDepth is { } d ? $"depth ≤ {d}" : "full depth";
        string leaves = s.MaximumLeaves is { } l ? $", ≤ {l} leaves" : string.Empty;
        string features = s.FeaturesPerSplit ?? (kind == LabelKind.Regression ? "all" : "sqrt");
        string criterion = kind == LabelKind.Regression ? "squared error" : s.Criterion.ToString();
        return string.Create(CultureInfo.InvariantCulture, $"random forest ({s.Trees} trees, {depth}{leaves}, ≥ {s.MinimumSamplesPerLeaf} per leaf, {features} features per split, {criterion})");
    }

    protected override TabularHead FitBinary(HeadData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var classes = Array.ConvertAll(data.Targets, t => t >= 0.5f ? 1 : 0);
        return new ForestHead(Grow(data, ForestTargets.Classification(classes, 2, data.Weights)), HeadOutput.Probability);
    }

    protected override TabularHead? FitMulticlass(HeadData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var classes = Array.ConvertAll(data.Targets, t => (int)t);
        return new ForestHead(Grow(data, ForestTargets.Classification(classes, data.Classes, data.Weights)), HeadOutput.ClassScores);
    }

    protected override TabularHead FitRegression(HeadData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new ForestHead(Grow(data, ForestTargets.Regression(data.Targets, data.Weights)), HeadOutput.Score);
    }

    private DecisionForest Grow(HeadData data, ForestTargets targets)
    {
        var settings = Resolve(Settings, data.Rows.Rows, data.Features, targets.IsClassification);
        var binned = data.Rows.Derived(rows => BinnedFeatures.Build(rows.Array, rows.Columns, settings.Bins, settings.Threads, data.CancellationToken));
        return ForestLearner.Fit(binned, targets, settings, data.Progress, data.Stage, data.CancellationToken);
    }

    /// <summary>Turns the options into numbers for data of <paramref name="rows"/> × <paramref name="features"/>.</summary>
    internal static ForestSettings Resolve(RandomForestOptions options, int rows, int features, bool classification)
    {
        Validate(options);
        int perSplit = FeaturesPerSplit(options.FeaturesPerSplit ?? (classification ? "sqrt" : "all"), features);
        int samples = options.SampleFraction is { } fraction ? Math.Max(1, (int)Math.Round(rows * fraction, MidpointRounding.ToEven)) : rows;
        return new ForestSettings(
            options.Trees,
            options.MaximumDepth,
            options.MinimumSamplesPerSplit,
            options.MinimumSamplesPerLeaf,
            options.MaximumLeaves,
            perSplit,
            options.Bootstrap,
            samples,
            options.Criterion,
            options.ClassWeighting == ClassWeighting.BalancedSubsample,
            options.Bins,
            options.Threads ?? Environment.ProcessorCount,
            options.Seed);
    }

    private static void Validate(RandomForestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Require(options.Trees >= 1, "trees", options.Trees, "at least 1");
        Require(options.MaximumDepth is null or >= 1, "maximumDepth", options.MaximumDepth, "at least 1, or null for no limit");
        Require(options.MinimumSamplesPerSplit >= 2, "minimumSamplesPerSplit", options.MinimumSamplesPerSplit, "at least 2");
        Require(options.MinimumSamplesPerLeaf >= 1, "minimumSamplesPerLeaf", options.MinimumSamplesPerLeaf, "at least 1");
        Require(options.MaximumLeaves is null or >= 2, "maximumLeaves", options.MaximumLeaves, "at least 2, or null for no limit");
        Require(options.SampleFraction is null or (> 0 and <= 1), "sampleFraction", options.SampleFraction, "in (0, 1], or null to draw as many rows as there are");
        Require(options.SampleFraction is null || options.Bootstrap, "sampleFraction", options.SampleFraction, "null when bootstrap is false (every tree then sees all rows)");
        Require(options.Bins is >= 2 and <= BinnedFeatures.MaximumBins, "bins", options.Bins, $"between 2 and {BinnedFeatures.MaximumBins}");
        Require(options.Threads is null or >= 1, "threads", options.Threads, "at least 1, or null for every core");
        Require(Enum.IsDefined(options.Criterion), "criterion", options.Criterion, "Gini or Entropy");
        Require(Enum.IsDefined(options.ClassWeighting), "classWeighting", options.ClassWeighting, "None, Balanced or BalancedSubsample");
        if (options.FeaturesPerSplit is { } rule)
        {
            FeaturesPerSplit(rule, int.MaxValue);
        }
    }

    /// <summary>scikit-learn's max_features rules: sqrt and log2 of the feature count (at least 1), a fraction of it, or a count.</summary>
    private static int FeaturesPerSplit(string rule, int features)
    {
        string text = rule.Trim();
        switch (text.ToLowerInvariant())
        {
            case "sqrt":
                return Math.Max(1, (int)Math.Sqrt(features));
            case "log2":
                return Math.Max(1, (int)Math.Log2(features));
            case "all":
                return features;
        }

        if (text.Contains('.', StringComparison.Ordinal) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double fraction))
        {
            Require(fraction is > 0 and <= 1, "featuresPerSplit", rule, "a fraction in (0, 1] when written with a decimal point");
            return Math.Max(1, (int)(fraction * features));
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int count))
        {
            Require(count >= 1, "featuresPerSplit", rule, "a count of at least 1");
            Require(count <= features, "featuresPerSplit", rule, $"at most the {features} features the forest sees (input columns plus missing-value indicators)");
            return count;
        }

        throw new GalenConfigurationException(
            $"Random forest option featuresPerSplit is '{rule}', which is not a rule Galen knows.",
            "Use sqrt, log2, all, a fraction such as 0.3, or a count such as 12.");
    }

    private static void Require(bool valid, string option, object? value, string expected)
    {
        if (!valid)
        {
            throw new GalenConfigurationException(
                string.Create(CultureInfo.InvariantCulture, $"Random forest option {option} is {value ?? "null"}; it must be {expected}."),
                "Fix it in the randomForest section of the configuration (docs/learning-and-evaluation.md lists the options).");
        }
    }
}
