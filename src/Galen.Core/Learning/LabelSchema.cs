namespace Galen.Core.Learning;

/// <summary>The shape of a task's target.</summary>
public enum LabelKind
{
    /// <summary>One yes/no outcome; predictions are P(yes).</summary>
    Binary,

    /// <summary>Exactly one of K classes; predictions are K probabilities summing to one.</summary>
    Multiclass,

    /// <summary>Any subset of K labels; predictions are K independent probabilities.</summary>
    MultiLabel,

    /// <summary>A real value; predictions are the estimated value.</summary>
    Regression,
}

/// <summary>
/// What a task predicts: its kind, its classes or labels in a fixed order, and words for people.
/// </summary>
/// <param name="Name">Machine name of the target, e.g. "in_hospital_mortality".</param>
/// <param name="Kind">Binary, multiclass, multi-label or regression.</param>
/// <param name="Classes">
/// Binary: <c>[negative, positive]</c>. Multiclass and multi-label: the K class or label names,
/// in the column order of targets and predictions. Regression: empty.
/// </param>
/// <param name="Description">The outcome in clinical words, e.g. "death before discharge".</param>
/// <param name="Unit">Unit of a regression target, e.g. "%" for HbA1c.</param>
public sealed record LabelSchema(string Name, LabelKind Kind, IReadOnlyList<string> Classes, string Description, string? Unit = null)
{
    /// <summary>Columns per sample in <see cref="TargetMatrix"/> and <see cref="Predictions"/>.</summary>
    public int Width => Kind switch
    {
        LabelKind.Binary or LabelKind.Regression => 1,
        _ => Classes.Count,
    };

    /// <summary>A yes/no target.</summary>
    public static LabelSchema Binary(string name, string description, string negative = "no", string positive = "yes") =>
        new(name, LabelKind.Binary, [negative, positive], description);

    /// <summary>A real-valued target.</summary>
    public static LabelSchema Regression(string name, string description, string? unit = null) =>
        new(name, LabelKind.Regression, [], description, unit);
}
