using Galen.Core.Learning;
using Galen.Deep.Models;
using Galen.Deep.Training;
using Galen.Deep.Training.Schedules;

namespace Galen.Cli.Learning;

/// <summary>
/// How the networks of a task experiment are trained (<c>galen train --model gru …</c>, the demo):
/// AdamW with a cosine schedule, early stopping on the validation patients' main metric, the
/// best epoch's weights kept. Sizes left null take each family's default.
/// </summary>
public sealed record SequenceTraining
{
    public int Epochs { get; init; } = 30;

    public int BatchSize { get; init; } = 128;

    /// <summary>AdamW's peak learning rate; null: the family's default (<see cref="Defaults"/>).</summary>
    public double? LearningRate { get; init; }

    /// <summary>AdamW's weight decay; null: the family's default (<see cref="Defaults"/>).</summary>
    public double? WeightDecay { get; init; }

    /// <summary>Epochs without improvement on the validation patients before stopping.</summary>
    public int Patience { get; init; } = 5;

    /// <summary>Dropout; null: the family's default (<see cref="Defaults"/>).</summary>
    public double? Dropout { get; init; }

    /// <summary>Hidden units of recurrent layers.</summary>
    public int? HiddenSize { get; init; }

    /// <summary>Code and visit embedding width of visit models.</summary>
    public int? EmbeddingSize { get; init; }

    /// <summary>libtorch intra-op threads; null: libtorch's choice (the cores).</summary>
    public int? Threads { get; init; }

    /// <summary>Bit-for-bit repeatable training: one libtorch thread and deterministic algorithms only (<see cref="TrainerOptions.Deterministic"/>); <see cref="Threads"/> is then ignored.</summary>
    public bool Deterministic { get; init; }

    /// <summary>Folder for each network's training-curve PNG, or null.</summary>
    public string? CurveFolder { get; init; }

    /// <summary>The catalog settings for one network on a task with targets of <paramref name="kind"/>.</summary>
    public DeepModelSettings Settings(string model, LabelKind kind, int seed, bool validation)
    {
        var defaults = Defaults(model);
        return new DeepModelSettings
        {
            Dropout = Dropout ?? defaults.Dropout,
            HiddenSize = HiddenSize,
            EmbeddingSize = EmbeddingSize,
            HiddenLayers = [128, 64],
            Training = new TrainerOptions
            {
                Epochs = Epochs,
                BatchSize = BatchSize,
                Optimizer = new OptimizerOptions { Kind = OptimizerKind.AdamW, LearningRate = LearningRate ?? defaults.LearningRate, WeightDecay = WeightDecay ?? defaults.WeightDecay },
                Schedule = new CosineSchedule(WarmupFraction: 0.05),
                GradientClipNorm = 1.0,
                Monitor = validation ? Monitor(kind) : MonitoredMetrics.Loss,
                Patience = validation ? Patience : null,
                Seed = seed,
                Threads = Deterministic ? null : Threads,
                Deterministic = Deterministic,
                CurvePlotPath = CurveFolder is null ? null : Path.Combine(CurveFolder, model + "-training-curve.png"),
            },
        };
    }

    /// <summary>
    /// The learning rate, weight decay and dropout a network family trains with unless set.
    /// Time-series networks (<c>ts-gru</c>, <c>ts-lstm</c>) take AdamW 5e-4, weight decay 0.01 and
    /// dropout 0.3: with 2e-3 / 1e-4 / 0.2 their validation AUROC peaked within 1–3 epochs and then
    /// fell, and on 20,000-patient synthetic hospitals (seeds 3, 7, 11, 42) the gentler settings took
    /// the mortality gap to the true risks from 0.021–0.027 to 0.015–0.020 (docs/benchmarks.md).
    /// Other networks keep 2e-3 / 1e-4 / 0.2.
    /// </summary>
    public static (double LearningRate, double WeightDecay, double Dropout) Defaults(string model) =>
        DeepModelCatalog.Find(model).Inputs == DeepInputKind.TimeSeries ? (5e-4, 0.01, 0.3) : (2e-3, 1e-4, 0.2);

    private static string Monitor(LabelKind kind) => kind switch
    {
        LabelKind.Binary => MonitoredMetrics.Auroc,
        LabelKind.MultiLabel => MonitoredMetrics.MacroAuroc,
        LabelKind.Multiclass => MonitoredMetrics.Accuracy,
        _ => MonitoredMetrics.Rmse,
    };
}
