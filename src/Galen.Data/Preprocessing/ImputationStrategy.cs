namespace Galen.Data.Preprocessing;

/// <summary>How <see cref="SimpleImputer"/> fills a missing value of a column.</summary>
public enum ImputationStrategy
{
    /// <summary>The column's mean over the training rows.</summary>
    Mean,

    /// <summary>The column's median over the training rows.</summary>
    Median,

    /// <summary>The column's most frequent training value (smallest on ties).</summary>
    MostFrequent,

    /// <summary>A fixed value.</summary>
    Constant,
}
