using System.Globalization;
using Galen.Cli.Learning;
using Galen.Core.Bundles;
using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Core.Learning.Sequences;
using Galen.Data.Scoring;
using Galen.Data.Tasks;
using Galen.Data.Timeline;
using Galen.Deep.Models;
using Galen.Evaluation.Summaries;
using Galen.Learn.Experiments;
using Galen.Serve.Models;

namespace Galen.Cli.Serving;

/// <summary>
/// A sequence network from a deep bundle as the service serves it: a visit-sequence model (GRU,
/// LSTM, Transformer, RETAIN over visit code sets) or a time-series model (the ts-gru over binned
/// labs and vitals with masks and context features). Its inputs are built for one patient by the
/// model's task featurizer with the task and feature options the bundle recorded, and predicted
/// through <see cref="ModelBundles.Predict"/> — the code that scores the task's samples offline —
/// so whatever inputs the model's family reads are built as at training time. Reasons: RETAIN's
/// own attention contributions; occlusion for the other families (the change in log-odds when a
/// code, a series or a context value is left out), said so in each answer. libtorch runs one
/// forward pass at a time in the process (a lock shared by every served network), without
/// gradients and in evaluation mode, with every tensor freed per batch.
/// </summary>
public sealed class SequenceServedModel : IPatientInputModel, IDisposable
{
    /// <summary>Words for RETAIN's reasons.</summary>
    public const string RetainMethod = "Reasons from RETAIN's attention: each code's share of the risk's log-odds (visit attention × the code's weight), summed over the patient's visits.";

    /// <summary>Words for occlusion reasons of a visit model.</summary>
    public const string VisitOcclusionMethod = "Reasons by occlusion: the change in the risk's log-odds when the code is removed from every visit of the patient (this network computes no attributions of its own).";

    /// <summary>Words for occlusion reasons of a time-series model.</summary>
    public const string SeriesOcclusionMethod = "Reasons by occlusion: the change in the risk's log-odds when a lab or vital sign's measurements are removed from the patient's series, or a context value is replaced by the training mean (this network computes no attributions of its own).";

    private readonly LoadedBundle _bundle;
    // One forward pass at a time in the whole process, whichever network: libtorch's CPU kernels
    // share one intra-op thread pool, and two passes at once split it differently, which moves
    // results in the last float bits; serialised, a concurrent answer is the single-threaded one.
    private static readonly Lock Inference = new();

    public SequenceServedModel(LoadedBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        _bundle = bundle;
        Manifest = bundle.Manifest;
        Network = bundle.Model as IDeepModel is { } deep and (VisitSequenceModel or TimeSeriesModel) ? deep
            : throw new BundleFormatException(bundle.Path, $"it holds a {bundle.Model.GetType().Name}, not a visit-sequence or time-series network");
        if (Network.Schema.Kind != LabelKind.Binary)
        {
            throw new BundleFormatException(bundle.Path, $"the service serves binary outcomes, and this network predicts a {Network.Schema.Kind} outcome ({Network.Schema.Name})");
        }

        Task = ModelBundles.TaskOf(Manifest);
        Options = ModelBundles.FeaturesOf(Manifest) ?? ClinicalTaskSource.DefaultFeatures;
        if (Network is TimeSeriesModel series)
        {
            Channels = series.Encoding.Channels;
            TaskFeatures = TaskFeaturizer.SequenceFeatures(series.Encoding.Context?.Features ?? [], Channels);
            InputDescription = string.Create(CultureInfo.InvariantCulture,
                $"hourly series of {Channels.Count} labs and vital signs over the {Options.TimeSeriesHours:0.#} h before the prediction time, with measured/missing masks{(series.Encoding.Context is { } context ? $", and {context.Features.Count} context features" : string.Empty)}");
        }
        else
        {
            TaskFeatures = TaskFeaturizer.SequenceFeatures([], []);
            InputDescription = "the patient's visits up to the prediction time, each a set of diagnosis, procedure and drug codes";
        }

        Evaluation = TabularBundles.EvaluationOf(bundle);
        Card = BundleModelCard.Of(Manifest, Evaluation);
    }

    /// <summary>The bundle's manifest.</summary>
    public BundleManifest Manifest { get; }

    /// <summary>The network.</summary>
    public IDeepModel Network { get; }

    /// <summary>The task the bundle recorded (null for a bundle without one: the registry lineage must then name it).</summary>
    public TaskSpec? Task { get; }

    /// <summary>The feature options the training samples were built with (window, step, diagnosis timing).</summary>
    public FeatureOptions Options { get; }

    /// <summary>Time-series channels (code keys with units), in the network's order; null for a visit model.</summary>
    public IReadOnlyList<FeatureSpec>? Channels { get; }

    /// <summary>The task features the inputs are built from (<see cref="TaskFeaturizer.SequenceFeatures"/>).</summary>
    public IReadOnlyList<FeatureSpec> TaskFeatures { get; }

    /// <summary>The evaluation the bundle carries, when it carries one.</summary>
    public ModelEvaluation? Evaluation { get; }

    public string InputDescription { get; }

    public LabelSchema Outcome => Manifest.Schema;

    public string Description => Manifest.Description;

    public IReadOnlyList<FeatureSpec> Features => Manifest.Features;

    public ModelCard Card { get; }

    /// <summary>Refused: a sequence network cannot be scored from one row of feature values.</summary>
    public IReadOnlyList<RiskPrediction> Predict(FeatureMatrix rows, int topReasons) =>
        throw new GalenInputException(
            $"This model reads {InputDescription}, not a row of feature values.",
            remedy: "Score a patient by id (GET /api/patients/{id}/risk), a FHIR Bundle (POST /fhir/RiskAssessment/$predict) or CDS Hooks patient-view.");

    /// <summary>The input of one sample of <paramref name="patient"/>, built by <paramref name="featurizer"/> (made from <see cref="TaskFeatures"/>).</summary>
    public SequencePatientInput InputFor(TaskFeaturizer featurizer, Patient patient, TaskSample sample)
    {
        ArgumentNullException.ThrowIfNull(featurizer);
        ArgumentNullException.ThrowIfNull(patient);
        var dataset = featurizer.Dataset(patient, [sample], Outcome, Channels?.Select(c => c.Name).ToArray(), "patient");
        return new SequencePatientInput(dataset, patient.Codes);
    }

    public RiskPrediction PredictPatient(IPatientInput input, int topReasons)
    {
        var patient = input as SequencePatientInput ?? throw new ArgumentException($"Expected a {nameof(SequencePatientInput)}.", nameof(input));
        if (topReasons <= 0)
        {
            return new RiskPrediction(Probabilities(patient.Dataset)[0], []);
        }

        return Network switch
        {
            VisitSequenceModel { Options.Architecture: VisitArchitecture.Retain } retain => RetainReasons(retain, patient, topReasons),
            VisitSequenceModel => Occlusion(VisitVariants(patient.Dataset, out var codes), codes.Select(c => new RiskReason(c, patient.DisplayOf(c), null, null, 0) { HasValue = false }).ToArray(), topReasons, VisitOcclusionMethod),
            _ => SeriesOcclusion(patient, topReasons),
        };
    }

    /// <summary>Predicts once on a patient with no data, so a network that cannot run is never served.</summary>
    public void WarmUp()
    {
        var features = TaskFeatures;
        var row = new float[features.Count];
        Array.Fill(row, float.NaN);
        int steps = Math.Max(1, (int)Math.Round(Options.TimeSeriesHours / Options.TimeSeriesStepHours));
        TimeSeriesSet? series = Channels is null ? null
            : new TimeSeriesSet(Channels.Select(c => c.Name).ToArray(), Channels.Select(c => c.Unit).ToArray(), steps, Options.TimeSeriesStepHours, Filled(steps * Channels.Count, float.NaN), new float[steps * Channels.Count]);
        var empty = Assemble(row, [[]], series);
        _ = Probabilities(empty);
    }

    public void Dispose() => Network.Dispose();

    private double[] Probabilities(TaskDataset dataset)
    {
        Predictions predictions;
        lock (Inference)
        {
            predictions = ModelBundles.Predict(_bundle, dataset);
        }

        var probabilities = new double[predictions.Rows];
        for (int i = 0; i < probabilities.Length; i++)
        {
            probabilities[i] = predictions.Row(i)[0];
        }

        return probabilities;
    }

    private RiskPrediction RetainReasons(VisitSequenceModel retain, SequencePatientInput patient, int topReasons)
    {
        IReadOnlyList<RetainExplanation> explanations;
        lock (Inference)
        {
            explanations = retain.Explain(TaskInputs.Visits(patient.Dataset).Inputs);
        }

        var explanation = explanations[0];
        var byCode = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var visit in explanation.Visits)
        {
            foreach (var code in visit.Codes)
            {
                byCode[code.Code.Key] = byCode.GetValueOrDefault(code.Code.Key) + code.Contribution;
            }
        }

        var reasons = byCode.OrderByDescending(p => Math.Abs(p.Value)).ThenBy(p => p.Key, StringComparer.Ordinal).Take(topReasons)
            .Select(p => new RiskReason(p.Key, p.Key == VisitSequenceModel.UnknownCode.Key ? VisitSequenceModel.UnknownCode.Display! : patient.DisplayOf(p.Key), null, null, p.Value) { HasValue = false })
            .ToArray();
        return new RiskPrediction(explanation.Prediction, reasons) { ReasonMethod = RetainMethod };
    }

    private RiskPrediction SeriesOcclusion(SequencePatientInput patient, int topReasons)
    {
        var dataset = patient.Dataset;
        var tabular = dataset.Tabular.Inputs;
        var series = dataset.TimeSeries!.Inputs;
        int width = series.Channels.Count;
        var baseRow = tabular.Row(0).ToArray();
        var baseValues = series.SampleValues(0).ToArray();
        var baseMask = series.SampleMask(0).ToArray();
        var rows = new List<float[]> { baseRow };
        var values = new List<float[]> { baseValues };
        var masks = new List<float[]> { baseMask };
        var reasons = new List<RiskReason>();

        // Each measured channel: its values removed from the series, and from its summaries in the row.
        for (int c = 0; c < width; c++)
        {
            float last = float.NaN;
            for (int t = 0; t < series.Steps; t++)
            {
                if (baseMask[(t * width) + c] != 0)
                {
                    last = baseValues[(t * width) + c];
                }
            }

            if (float.IsNaN(last))
            {
                continue;
            }

            var row = (float[])baseRow.Clone();
            string prefix = TaskFeaturizer.ColumnPrefix(series.Channels[c]);
            foreach (string suffix in TaskFeaturizer.AggregateSuffixes)
            {
                int column = tabular.IndexOf(prefix + suffix);
                if (column >= 0)
                {
                    row[column] = suffix == "_count" ? 0 : float.NaN;
                }
            }

            var channelValues = (float[])baseValues.Clone();
            var channelMask = (float[])baseMask.Clone();
            for (int t = 0; t < series.Steps; t++)
            {
                channelValues[(t * width) + c] = float.NaN;
                channelMask[(t * width) + c] = 0;
            }

            rows.Add(row);
            values.Add(channelValues);
            masks.Add(channelMask);
            var channel = Channels![c];
            reasons.Add(new RiskReason(channel.Name, "last " + patient.DisplayOf(channel.Name), last, series.Units[c], 0));
        }

        // Each known context value: read as missing (the training mean).
        var context = ((TimeSeriesModel)Network).Encoding.Context?.Features ?? [];
        foreach (var feature in context)
        {
            int column = tabular.IndexOf(feature.Name);
            if (column < 0 || float.IsNaN(baseRow[column]))
            {
                continue;
            }

            var row = (float[])baseRow.Clone();
            row[column] = float.NaN;
            rows.Add(row);
            values.Add(baseValues);
            masks.Add(baseMask);
            reasons.Add(new RiskReason(feature.Name, feature.DisplayName, baseRow[column], feature.Unit, 0));
        }

        var variants = Assemble(
            rows.SelectMany(r => r).ToArray(),
            Enumerable.Repeat(dataset.Visits?.Inputs.Sequences[0] ?? [], rows.Count).ToArray(),
            new TimeSeriesSet(series.Channels, series.Units, series.Steps, series.StepHours, values.SelectMany(v => v).ToArray(), masks.SelectMany(m => m).ToArray()));
        return Occlusion(variants, reasons, topReasons, SeriesOcclusionMethod);
    }

    /// <summary>The patient's visits, then the visits without each distinct code (a visit left empty is dropped, as the task drops visits without codes).</summary>
    private TaskDataset VisitVariants(TaskDataset dataset, out IReadOnlyList<string> codes)
    {
        var visits = dataset.Visits!.Inputs.Sequences[0];
        var distinct = visits.SelectMany(v => v.CodesByChannel.SelectMany(c => c)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var sequences = new List<IReadOnlyList<VisitCodes>> { visits };
        foreach (string code in distinct)
        {
            sequences.Add(visits
                .Select(v => new VisitCodes(v.HoursBeforeIndex, v.CodesByChannel.Select(c => (IReadOnlyList<string>)c.Where(k => k != code).ToArray()).ToArray()))
                .Where(v => v.CodesByChannel.Any(c => c.Count > 0))
                .ToArray());
        }

        codes = distinct;
        var row = dataset.Tabular.Inputs.Row(0).ToArray();
        return Assemble(Enumerable.Repeat(row, sequences.Count).SelectMany(r => r).ToArray(), sequences, null);
    }

    /// <summary>Sample 0 is the patient; sample i + 1 leaves out what <paramref name="candidates"/>[i] names. Contribution = logit(patient) − logit(without it).</summary>
    private RiskPrediction Occlusion(TaskDataset variants, IReadOnlyList<RiskReason> candidates, int topReasons, string method)
    {
        var probabilities = Probabilities(variants);
        double full = Logit(probabilities[0]);
        var reasons = candidates
            .Select((reason, i) => reason with { Contribution = full - Logit(probabilities[i + 1]) })
            .OrderByDescending(r => Math.Abs(r.Contribution))
            .ThenBy(r => r.Feature, StringComparer.Ordinal)
            .Take(topReasons)
            .ToArray();
        return new RiskPrediction(probabilities[0], reasons) { ReasonMethod = method };
    }

    private static double Logit(double p)
    {
        p = Math.Clamp(p, 1e-7, 1 - 1e-7);
        return Math.Log(p / (1 - p));
    }

    private static float[] Filled(int length, float value)
    {
        var array = new float[length];
        Array.Fill(array, value);
        return array;
    }

    /// <summary>A task dataset of several samples of one patient, shaped as the task shapes its samples.</summary>
    private TaskDataset Assemble(float[] rows, IReadOnlyList<IReadOnlyList<VisitCodes>> visits, TimeSeriesSet? series)
    {
        int n = visits.Count;
        var targets = Filled(n, float.NaN);
        var targetMatrix = new TargetMatrix(Outcome, targets);
        var infos = Enumerable.Range(0, n).Select(i => new SampleInfo("patient", "variant" + i.ToString(CultureInfo.InvariantCulture), null, new Dictionary<string, string>())).ToArray();
        var task = Task?.Name ?? Outcome.Name;
        return new TaskDataset(
            task,
            string.Empty,
            string.Empty,
            "one patient",
            new LabelledSet<FeatureMatrix>(new FeatureMatrix(TaskFeatures, rows), targetMatrix, infos),
            new LabelledSet<VisitSequenceSet>(new VisitSequenceSet(["condition", "procedure", "drug"], visits), targetMatrix, infos),
            series is null ? null : new LabelledSet<TimeSeriesSet>(series, targetMatrix, infos),
            FromCache: false);
    }
}
