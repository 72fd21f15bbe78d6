using static TorchSharp.torch;

namespace Galen.Deep.Data;

/// <summary>
/// A mini-batch of time series, padded to the longest series in the batch.
/// </summary>
/// <param name="Values">Standardised values, each missing value carried forward from the channel's last measurement (0, the training mean, before the first): float32 [batch, steps, channels].</param>
/// <param name="Observed">1 where the channel was measured at that step, else 0: float32 [batch, steps, channels].</param>
/// <param name="Lengths">Steps per sample, on the CPU (as packing needs): int64 [batch].</param>
/// <param name="Size">Samples in the batch.</param>
/// <param name="Steps">Positions per sample (the longest series).</param>
/// <param name="Context">Standardised context features, float32 [batch, features], or null when the samples have none.</param>
/// <param name="Summary">Standardised per-channel summary statistics (<see cref="TimeSeriesSummary"/>), float32 [batch, channels × statistics], or null when the model reads none.</param>
public sealed record TimeSeriesBatch(Tensor Values, Tensor Observed, Tensor Lengths, int Size, int Steps, Tensor? Context = null, Tensor? Summary = null);
