using Galen.Core.Learning;

namespace Galen.Core.Splits;

/// <summary>Sample row indices of each part of a patient-level hold-out split, each in ascending order.</summary>
public sealed record HoldOutSplit(IReadOnlyList<int> Train, IReadOnlyList<int> Validation, IReadOnlyList<int> Test)
{
    /// <summary>The three parts of <paramref name="set"/>.</summary>
    public (LabelledSet<T> Train, LabelledSet<T> Validation, LabelledSet<T> Test) Apply<T>(LabelledSet<T> set)
        where T : IInputs<T>
    {
        ArgumentNullException.ThrowIfNull(set);
        return (set.Select(Train), set.Select(Validation), set.Select(Test));
    }
}

/// <summary>One fold of a patient-level k-fold split: sample rows to fit on and rows to evaluate on.</summary>
/// <param name="Index">0-based fold number.</param>
/// <param name="Train">Rows of every other fold, ascending.</param>
/// <param name="Test">Rows of this fold, ascending.</param>
public sealed record Fold(int Index, IReadOnlyList<int> Train, IReadOnlyList<int> Test)
{
    public (LabelledSet<T> Train, LabelledSet<T> Test) Apply<T>(LabelledSet<T> set)
        where T : IInputs<T>
    {
        ArgumentNullException.ThrowIfNull(set);
        return (set.Select(Train), set.Select(Test));
    }
}
