namespace Galen.Deep.Data;

/// <summary>How the trainer orders training samples into mini-batches each epoch.</summary>
public enum BatchSampling
{
    /// <summary>Every sample once per epoch, in a fresh seeded order each epoch.</summary>
    Shuffled,

    /// <summary>Every sample once per epoch, in input order (for debugging and benchmarks).</summary>
    Sequential,

    /// <summary>
    /// As many draws per epoch as there are samples, with replacement, each class equally
    /// likely (a rare outcome is seen as often as a common one). Binary and multiclass targets.
    /// </summary>
    ClassBalanced,
}
