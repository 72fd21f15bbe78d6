using Galen.Core.Learning;
using Galen.Deep.Models;
using Galen.Deep.Training;
using Galen.Serve.Fhir;
using Galen.Serve.Models;
using Galen.Serve.Registry;

namespace Galen.Serve.Bench;

/// <summary>
/// The benchmark's model: Galen.Deep's binary MLP trained here on a seeded synthetic cohort whose
/// eight features are the last values of eight LOINC-coded observations. It gives no reasons
/// (explanations arrive with Galen.Learn); the loader hands out the instance trained in this
/// process, so load time is not part of what is measured.
/// </summary>
internal sealed class BenchModel : IServedModel, IModelLoader
{
    public const string BundleFormat = "bench/in-process-mlp";

    public static readonly string[] Loinc = ["2160-0", "2524-7", "8867-4", "8480-6", "9279-1", "8310-5", "6690-2", "2951-2"];

    private static readonly string[] Names = ["creatinine", "lactate", "heart rate", "systolic blood pressure", "respiratory rate", "temperature", "white cells", "sodium"];

    private readonly MlpModel _classifier;

    public BenchModel(int patients, int seed)
    {
        var random = new Random(seed);
        var features = new float[patients * Loinc.Length];
        var labels = new bool[patients];
        for (int p = 0; p < patients; p++)
        {
            double logit = -1.5;
            for (int c = 0; c < Loinc.Length; c++)
            {
                double x = (random.NextDouble() * 2) - 1;
                features[(p * Loinc.Length) + c] = (float)x;
                logit += (c % 3 == 0 ? 1.0 : -0.5) * x;
            }

            labels[p] = random.NextDouble() < 1 / (1 + Math.Exp(-logit));
        }

        Features = Loinc.Select((code, i) => new FeatureSpec("obs_" + code.Replace('-', '_'), "last " + Names[i])).ToArray();
        var samples = Enumerable.Range(0, patients)
            .Select(p => new SampleInfo("p" + p, "s" + p, null, new Dictionary<string, string>()))
            .ToArray();
        var train = new LabelledSet<FeatureMatrix>(
            new FeatureMatrix(Features, features),
            new TargetMatrix(Outcome, labels.Select(l => l ? 1f : 0f).ToArray()),
            samples);
        _classifier = new MlpTrainer(new MlpOptions
        {
            Hidden = [32, 16],
            Training = new TrainerOptions { Epochs = 10, Seed = seed },
        }).Fit(train);
    }

    public string Format => BundleFormat;

    public LabelSchema Outcome { get; } = LabelSchema.Binary("bench_outcome", "the synthetic outcome");

    public string Description => "TorchSharp MLP 32-16 (benchmark model)";

    public IReadOnlyList<FeatureSpec> Features { get; }

    public ModelCard Card { get; } = new("Benchmark only.", "Synthetic cohort.", [], ["Benchmark only."]);

    public IServedModel Load(RegistryEntry entry, CancellationToken cancellationToken) => this;

    public IReadOnlyList<RiskPrediction> Predict(FeatureMatrix rows, int topReasons)
    {
        // Missing values become 0, the cohort's mean.
        var values = rows.ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            if (float.IsNaN(values[i]))
            {
                values[i] = 0;
            }
        }

        var probabilities = _classifier.Predict(new FeatureMatrix(Features, values)).Values.ToArray();
        return probabilities.Select(p => new RiskPrediction(p, [])).ToArray();
    }
}

/// <summary>Last value of each of the bench model's LOINC codes.</summary>
internal sealed class BenchFhirExtractor : IFhirFeatureExtractor
{
    public FhirFeatures Extract(ClinicalBundle bundle, IReadOnlyList<FeatureSpec> features, DateTimeOffset asOf)
    {
        var values = new float[features.Count];
        var basis = new List<string>();
        for (int i = 0; i < features.Count; i++)
        {
            string code = BenchModel.Loinc[i];
            var last = bundle.Observations
                .Where(o => o.Code?.Coding.Any(c => c.Code == code) == true && o.Value is Hl7.Fhir.Model.Quantity)
                .MaxBy(o => (o.Effective as Hl7.Fhir.Model.FhirDateTime)?.Value);
            values[i] = last is null ? float.NaN : (float)((Hl7.Fhir.Model.Quantity)last.Value!).Value!.Value;
            if (last is not null)
            {
                basis.Add("Observation/" + last.Id);
            }
        }

        return new FhirFeatures(values, basis);
    }
}
