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

    public double LearningRate { get; init; } = 2e-3;

    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>Epochs without improvement on the validation patients before stopping.</summary>
    public int Patience { get; init; } = 5;

    public double Dropout { get; init; } = 0.2;

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
    public DeepModelSettings Settings(string model, LabelKind kind, int seed, bool validation) => new()
    {
        Dropout = Dropout,
        HiddenSize = HiddenSize,
        EmbeddingSize = EmbeddingSize,
        HiddenLayers = [128, 64],
        Training = new TrainerOptions
        {
            Epochs = Epochs,
            BatchSize = BatchSize,
            Optimizer = new OptimizerOptions { Kind = OptimizerKind.AdamW, LearningRate = LearningRate, WeightDecay = WeightDecay },
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

    private static string Monitor(LabelKind kind) => kind switch
    {
        LabelKind.Binary => MonitoredMetrics.Auroc,
        LabelKind.MultiLabel => MonitoredMetrics.MacroAuroc,
        LabelKind.Multiclass => MonitoredMetrics.Accuracy,
        _ => MonitoredMetrics.Rmse,
    };
}
