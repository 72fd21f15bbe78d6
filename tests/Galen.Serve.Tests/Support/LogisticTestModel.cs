using System.Text.Json;
using Galen.Core.Learning;
using Galen.Serve.Models;
using Galen.Serve.Registry;

namespace Galen.Serve.Tests.Support;

/// <summary>
/// A test implementation of <see cref="IServedModel"/>: a logistic model on centred features,
/// logit = intercept + Σ weight × (value − mean), missing = mean; reasons are weight × (value − mean). Its bundle is a small JSON file. Tests compute expected
/// risks with <see cref="Risk"/> independently of the service.
/// </summary>
internal sealed class LogisticTestModel : IServedModel
{
    public const string Format = "test/logistic-json";

    private readonly double _intercept;
    private readonly double[] _weights;
    private readonly double[] _means;

    public LogisticTestModel(LogisticBundle bundle)
    {
        _intercept = bundle.Intercept;
        _weights = bundle.Features.Select(f => f.Weight).ToArray();
        _means = bundle.Features.Select(f => f.Mean).ToArray();
        Features = bundle.Features.Select(f => new FeatureSpec(f.Name, f.DisplayName, f.Binary ? FeatureKind.Binary : FeatureKind.Numeric, f.Unit)).ToArray();
        Outcome = LabelSchema.Binary(bundle.OutcomeName, bundle.OutcomeDescription);
        Description = $"logistic regression, {bundle.Features.Count} features (test model)";
        Card = new ModelCard(
            "Flags adult inpatients at risk of the outcome so a clinician can review them (test model).",
            "Synthetic adult inpatients.",
            [new CardMetric("AUROC", 0.81, 0.78, 0.84), new CardMetric("AUROC", 0.79, 0.74, 0.84, "female")],
            ["Not validated outside the synthetic hospital.", "Not for children."],
            [new CardItem("Outcome definition", "Death before discharge from the index stay"), new CardItem("Data dates", null), new CardItem("Missing data", "Mean imputation")]);
    }

    public LabelSchema Outcome { get; }

    public string Description { get; }

    public IReadOnlyList<FeatureSpec> Features { get; }

    public ModelCard Card { get; }

    public static LogisticBundle Standard(double intercept = -2.0) => new(
        intercept,
        "in_hospital_mortality",
        "death before discharge",
        [
            new("age", "age", 0.04, 65, "years"),
            new("creatinine", "last creatinine", 0.6, 1.0, "mg/dL"),
            new("lactate", "last lactate", 0.5, 1.5, "mmol/L"),
            new("heart_rate", "last heart rate", 0.02, 85, "/min"),
            new("diabetes", "type 2 diabetes", 0.3, 0.2, null, Binary: true),
        ]);

    public IReadOnlyList<RiskPrediction> Predict(FeatureMatrix rows, int topReasons)
    {
        var predictions = new RiskPrediction[rows.Rows];
        for (int r = 0; r < rows.Rows; r++)
        {
            var row = rows.Row(r);
            var contributions = new List<RiskReason>();
            double logit = _intercept;
            for (int c = 0; c < row.Length; c++)
            {
                double value = float.IsNaN(row[c]) ? _means[c] : row[c];
                logit += _weights[c] * (value - _means[c]);
                double contribution = _weights[c] * (value - _means[c]);
                contributions.Add(new RiskReason(Features[c].Name, Features[c].DisplayName, float.IsNaN(row[c]) ? null : row[c], Features[c].Unit, contribution));
            }

            predictions[r] = new RiskPrediction(
                1 / (1 + Math.Exp(-logit)),
                contributions.OrderByDescending(c => Math.Abs(c.Contribution)).Take(topReasons).ToArray());
        }

        return predictions;
    }

    /// <summary>The risk computed directly from the bundle's weights (the test's reference).</summary>
    public static double Risk(LogisticBundle bundle, IReadOnlyDictionary<string, double> values)
    {
        double logit = bundle.Intercept;
        foreach (var f in bundle.Features)
        {
            logit += f.Weight * ((values.TryGetValue(f.Name, out var v) ? v : f.Mean) - f.Mean);
        }

        return 1 / (1 + Math.Exp(-logit));
    }
}

internal sealed record LogisticBundle(double Intercept, string OutcomeName, string OutcomeDescription, IReadOnlyList<LogisticFeature> Features)
{
    public string Write(string folder)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, JsonSerializer.Serialize(this));
        return path;
    }
}

internal sealed record LogisticFeature(string Name, string DisplayName, double Weight, double Mean, string? Unit, bool Binary = false);

/// <summary>Loads <see cref="LogisticTestModel"/> bundles.</summary>
internal sealed class LogisticTestLoader : IModelLoader
{
    public string Format => LogisticTestModel.Format;

    public IServedModel Load(RegistryEntry entry, CancellationToken cancellationToken) =>
        new LogisticTestModel(JsonSerializer.Deserialize<LogisticBundle>(File.ReadAllText(entry.BundlePath))
            ?? throw new InvalidDataException("empty bundle"));
}
