using Galen.Core.Learning;

namespace Galen.Core.Explaining;

/// <summary>
/// Per-sample additive contributions of each feature to a model's raw output: for each row,
/// <c>Baseline[row] + Σ Values[row, j]</c> is the model's score on <see cref="Scale"/>.
/// </summary>
/// <param name="Features">Features, in column order (the model's input features).</param>
/// <param name="Values">Row-major rows × features contributions.</param>
/// <param name="Baselines">Per row, the part of the score no feature explains (a bias or expected value).</param>
/// <param name="Scale">What the score is, e.g. "log-odds" or "raw score".</param>
/// <param name="Method">How contributions were computed, e.g. "exact (linear model)".</param>
public sealed record FeatureContributions(IReadOnlyList<FeatureSpec> Features, double[] Values, double[] Baselines, string Scale, string Method)
{
    public int Rows => Baselines.Length;

    /// <summary>The contributions of one sample.</summary>
    public ReadOnlySpan<double> Row(int row) => Values.AsSpan(row * Features.Count, Features.Count);
}
