using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Learn.Configuration;

namespace Galen.Learn.Trainers;

/// <summary>The tabular trainers by their short names, configured from a <see cref="TrainingConfiguration"/>.</summary>
public static class TrainerCatalog
{
    /// <summary>Every trainer name, in leaderboard order.</summary>
    public static readonly IReadOnlyList<string> Names = ["logreg", "svm", "rff-svm", "forest", "lightgbm", "fasttree", "fastforest"];

    /// <summary>The trainer called <paramref name="name"/>, with its options from <paramref name="configuration"/>.</summary>
    public static ITrainer<FeatureMatrix> Create(string name, TrainingConfiguration? configuration = null)
    {
        configuration ??= new TrainingConfiguration();
        int seed = configuration.Seed;
        return name switch
        {
            "logreg" => new LogisticRegressionTrainer(configuration.LogisticRegression with { Seed = seed }),
            "svm" => new LinearSvmTrainer(configuration.LinearSvm with { Seed = seed }),
            "rff-svm" => new FourierSvmTrainer(configuration.FourierSvm with { Seed = seed }),
            "forest" => new RandomForestTrainer(configuration.RandomForest with { Seed = seed }),
            "lightgbm" => new LightGbmTrainer(configuration.LightGbm with { Seed = seed }),
            "fasttree" => new FastTreeTrainer(configuration.FastTree with { Seed = seed }),
            "fastforest" => new FastForestTrainer(configuration.FastForest with { Seed = seed }),
            _ => throw new GalenConfigurationException($"Unknown model '{name}'.", "Use one of: " + string.Join(", ", Names) + ", or all."),
        };
    }

    /// <summary>Expands "all" and comma-separated lists into trainer names, checking each.</summary>
    public static IReadOnlyList<string> Expand(string models)
    {
        ArgumentNullException.ThrowIfNull(models);
        var names = models.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(m => m == "all" ? Names : [m])
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        foreach (string name in names)
        {
            if (!Names.Contains(name))
            {
                throw new GalenConfigurationException($"Unknown model '{name}'.", "Use one of: " + string.Join(", ", Names) + ", or all.");
            }
        }

        return names.Length > 0 ? names : throw new GalenConfigurationException("No model named.", "Use one of: " + string.Join(", ", Names) + ", or all.");
    }

    /// <summary>Whether the named trainer handles the task kind.</summary>
    public static bool Supports(string name, LabelKind kind) =>
        kind != LabelKind.Regression || name is "logreg" or "forest" or "lightgbm" or "fasttree" or "fastforest";
}
