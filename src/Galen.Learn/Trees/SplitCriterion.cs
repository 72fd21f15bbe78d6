namespace Galen.Learn.Trees;

/// <summary>How a classification tree judges a split (regression trees always use squared error).</summary>
public enum SplitCriterion
{
    /// <summary>Gini impurity 1 − Σ p²: scikit-learn's default.</summary>
    Gini,

    /// <summary>Shannon entropy −Σ p log p (information gain).</summary>
    Entropy,
}
