namespace Galen.Evaluation.Splits;

/// <summary>One train/test partition of a data set's rows.</summary>
/// <param name="Index">0-based fold number.</param>
/// <param name="TrainRows">Rows to fit on, ascending.</param>
/// <param name="TestRows">Rows to evaluate on, ascending.</param>
public sealed record Fold(int Index, IReadOnlyList<int> TrainRows, IReadOnlyList<int> TestRows);
