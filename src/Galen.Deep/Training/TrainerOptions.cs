using System.Text.Json.Serialization;
using Galen.Core.Errors;
using Galen.Core.Randomness;
using Galen.Deep.Data;
using Galen.Deep.Training.Schedules;

namespace Galen.Deep.Training;

/// <summary>
/// How a network is trained: epochs and batches, optimiser and schedule, regularisation, model
/// selection and early stopping, checkpoints, seed and device. Shared by every model family.
/// </summary>
public sealed record TrainerOptions
{
    /// <summary>Passes over the training samples.</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Samples per optimisation step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>How samples are ordered into batches each epoch.</summary>
    public BatchSampling Sampling { get; init; } = BatchSampling.Shuffled;

    public OptimizerOptions Optimizer { get; init; } = new();

    /// <summary>How the learning rate moves over the run.</summary>
    public LearningRateSchedule Schedule { get; init; } = new ConstantSchedule();

    /// <summary>When set, gradients are rescaled so their global L2 norm is at most this before each step.</summary>
    public double? GradientClipNorm { get; init; }

    /// <summary>
    /// The validation metric that picks the best epoch (and drives early stopping), e.g.
    /// <c>loss</c> or <c>auroc</c>; see <see cref="MonitoredMetrics"/>.
    /// </summary>
    public string Monitor { get; init; } = MonitoredMetrics.Loss;

    /// <summary>When set, training stops after this many epochs without improvement of <see cref="Monitor"/>.</summary>
    public int? Patience { get; init; }

    /// <summary>The smallest change of <see cref="Monitor"/> that counts as an improvement.</summary>
    public double MinDelta { get; init; }

    /// <summary>When validation data is given, end with the weights of the best epoch rather than the last.</summary>
    public bool RestoreBest { get; init; } = true;

    /// <summary>Seed for weight initialisation, dropout and batch order; the same seed gives the same model.</summary>
    public int Seed { get; init; } = Seeds.Default;

    /// <summary><c>cpu</c>, <c>cuda</c>, <c>cuda:N</c> or <c>auto</c> (CUDA when libtorch sees a GPU, else CPU).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>libtorch intra-op threads; null leaves libtorch's setting alone.</summary>
    public int? Threads { get; init; }

    /// <summary>
    /// Bit-identical repeats: libtorch uses deterministic algorithms only
    /// (<c>use_deterministic_algorithms</c>) and one intra-op thread, so sums are never
    /// reordered by thread scheduling, and every generator (CPU and CUDA) is seeded. Slower on a
    /// multi-core machine (one core instead of all); see docs/deep-learning.md, "Determinism".
    /// </summary>
    public bool Deterministic { get; init; }

    /// <summary>Folder for <c>last.ckpt</c> (end of each epoch, and where a cancelled run stopped) and <c>best.ckpt</c>.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>Continue from <c>last.ckpt</c> in <see cref="CheckpointDirectory"/> when it exists.</summary>
    public bool Resume { get; init; }

    /// <summary>Where to write the training-curve PNG, if anywhere.</summary>
    public string? CurvePlotPath { get; init; }

    /// <summary>Least time between two progress reports within an epoch.</summary>
    [JsonIgnore]
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Throws a <see cref="GalenConfigurationException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        Require(Epochs >= 1, $"Epochs must be at least 1 (got {Epochs}).");
        Require(BatchSize >= 1, $"The batch size must be at least 1 (got {BatchSize}).");
        Require(GradientClipNorm is null or > 0, $"The gradient clipping norm must be positive (got {GradientClipNorm}).");
        Require(Patience is null or >= 1, $"Patience must be at least 1 epoch (got {Patience}).");
        Require(MinDelta >= 0, $"The minimum improvement must be zero or positive (got {MinDelta}).");
        Require(Threads is null or >= 1, $"Threads must be at least 1 (got {Threads}).");
        Require(!Deterministic || Threads is null or 1, $"A deterministic run uses one libtorch thread; {Threads} threads were asked for. Leave Threads unset (or 1), or turn Deterministic off.");
        Require(!Resume || CheckpointDirectory is not null, "Resuming needs a checkpoint directory to resume from.");
        Require(!string.IsNullOrWhiteSpace(Monitor), "The monitored metric needs a name.");
        ArgumentNullException.ThrowIfNull(Optimizer);
        ArgumentNullException.ThrowIfNull(Schedule);
        Optimizer.Validate();
    }

    /// <summary>The settings that decide the numbers a run produces (not where files go or how it runs).</summary>
    internal TrainerOptions Signature() => this with
    {
        Device = "any",
        Threads = null,
        Deterministic = false,
        CheckpointDirectory = null,
        Resume = false,
        CurvePlotPath = null,
    };

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new GalenConfigurationException(problem);
        }
    }
}
