namespace Galen.Learn.Trainers;

/// <summary>The penalty of a regularised linear model.</summary>
public enum Penalty
{
    /// <summary>Ridge: shrinks every weight.</summary>
    L2,

    /// <summary>Lasso: drives weak weights to exactly zero.</summary>
    L1,
}
