using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Core.Randomness;

namespace Galen.Deep.Data;

/// <summary>
/// Decides which training samples form each mini-batch of each epoch. The order of an epoch
/// depends only on the seed and the epoch number, so a resumed run sees exactly the batches the
/// interrupted run would have seen.
/// </summary>
public sealed class MiniBatchSampler
{
    private readonly int[][]? _members;

    /// <param name="count">Training samples.</param>
    /// <param name="batchSize">Samples per batch; the last batch of an epoch may be smaller.</param>
    /// <param name="sampling">How samples are ordered.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="classes">Each sample's class, required for <see cref="BatchSampling.ClassBalanced"/>.</param>
    public MiniBatchSampler(int count, int batchSize, BatchSampling sampling, int seed, IReadOnlyList<int>? classes = null)
    {
        if (count < 1)
        {
            throw new GalenConfigurationException("There are no training samples to make batches from.");
        }

        if (batchSize < 1)
        {
            throw new GalenConfigurationException($"The batch size must be at least 1 (got {batchSize}).");
        }

        Count = count;
        BatchSize = batchSize;
        Sampling = sampling;
        Seed = seed;
        if (sampling == BatchSampling.ClassBalanced)
        {
            if (classes is null || classes.Count != count)
            {
                throw new GalenConfigurationException("Class-balanced sampling needs one class per training sample.");
            }

            _members = classes
                .Select((label, index) => (label, index))
                .GroupBy(pair => pair.label)
                .OrderBy(group => group.Key)
                .Select(group => group.Select(pair => pair.index).ToArray())
                .ToArray();
        }
    }

    public int Count { get; }

    public int BatchSize { get; }

    public BatchSampling Sampling { get; }

    public int Seed { get; }

    /// <summary>Mini-batches in each epoch.</summary>
    public int BatchesPerEpoch => (Count + BatchSize - 1) / BatchSize;

    /// <summary>The samples of one epoch, in batch order; batch <c>b</c> is the run <c>[b × size, (b + 1) × size)</c>.</summary>
    public int[] EpochOrder(int epoch)
    {
        var order = new int[Count];
        var rng = Seeds.Stream(Seed, "deep.batches.epoch-" + epoch.ToString(System.Globalization.CultureInfo.InvariantCulture));
        switch (Sampling)
        {
            case BatchSampling.Sequential:
                for (int i = 0; i < Count; i++)
                {
                    order[i] = i;
                }

                break;
            case BatchSampling.Shuffled:
                for (int i = 0; i < Count; i++)
                {
                    order[i] = i;
                }

                rng.Shuffle(order);
                break;
            case BatchSampling.ClassBalanced:
                for (int i = 0; i < Count; i++)
                {
                    var members = _members![rng.Next(_members.Length)];
                    order[i] = members[rng.Next(members.Length)];
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(epoch), Sampling, "Unknown sampling.");
        }

        return order;
    }

    /// <summary>The samples of batch <paramref name="batch"/> in an epoch's order.</summary>
    public ReadOnlySpan<int> Batch(int[] order, int batch)
    {
        ArgumentNullException.ThrowIfNull(order);
        int start = batch * BatchSize;
        return order.AsSpan(start, Math.Min(BatchSize, order.Length - start));
    }

    /// <summary>
    /// The class of each sample for class-balanced sampling: the outcome of a binary target,
    /// the class of a multiclass one.
    /// </summary>
    public static int[] ClassesOf(TargetMatrix targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return targets.Schema.Kind switch
        {
            LabelKind.Binary => Array.ConvertAll(targets.Values.ToArray(), v => v >= 0.5f ? 1 : 0),
            LabelKind.Multiclass => Array.ConvertAll(targets.Values.ToArray(), v => (int)v),
            _ => throw new GalenConfigurationException(
                $"Class-balanced sampling needs a binary or multiclass target; '{targets.Schema.Name}' is {targets.Schema.Kind}.",
                "Use shuffled sampling for this target."),
        };
    }
}
