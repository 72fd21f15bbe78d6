using Galen.Learn.Trees;

namespace Galen.Learn.Tabular;

/// <summary>
/// A head that is one of Galen's random forests: <see cref="HeadOutput.Probability"/> reads the
/// probability of class 1 of a two-class forest, <see cref="HeadOutput.ClassScores"/> every
/// class of a multiclass forest, <see cref="HeadOutput.Score"/> a regression forest's value.
/// </summary>
/// <param name="Forest">The fitted forest.</param>
/// <param name="Output">What the head predicts.</param>
public sealed record ForestHead(DecisionForest Forest, HeadOutput Output) : TabularHead(Output)
{
    /// <summary>The forest output column this head reports (or explains).</summary>
    public int Column => Output == HeadOutput.Probability ? 1 : 0;
}
