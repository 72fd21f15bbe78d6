using Galen.Core.Learning;

namespace Galen.Core.Explaining;

/// <summary>
/// A model that can say how much each input feature pushed one prediction up or down
/// (exact for linear models, tree-path attributions for tree ensembles). Binary and regression
/// models explain their single output; others explain the first output column.
/// </summary>
public interface IExplainableModel
{
    /// <summary>Per-feature contributions for each row of <paramref name="rows"/> (raw, untransformed inputs).</summary>
    FeatureContributions Explain(FeatureMatrix rows);
}
