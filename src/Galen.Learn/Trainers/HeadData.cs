using Galen.Core.Progress;
using Microsoft.ML;

namespace Galen.Learn.Trainers;

/// <summary>
/// What a learner gets to fit one head: the preprocessed training rows with this head's
/// targets and weights, and the same rows as ML.NET views (built only when a learner reads them).
/// </summary>
public sealed class HeadData
{
    private readonly Lazy<IDataView> _train;
    private readonly Lazy<IDataView?> _validation;

    internal HeadData(MLContext ml, PreparedRows rows, float[] targets, float[]? weights, int classes, Func<IDataView> train, Func<IDataView?> validation, IProgress<WorkProgress>? progress, string stage, CancellationToken cancellationToken)
    {
        Ml = ml;
        Rows = rows;
        Targets = targets;
        Weights = weights;
        Classes = classes;
        _train = new Lazy<IDataView>(train);
        _validation = new Lazy<IDataView?>(validation);
        Progress = progress;
        Stage = stage;
        CancellationToken = cancellationToken;
    }

    /// <summary>Seeded ML.NET context.</summary>
    public MLContext Ml { get; }

    /// <summary>Training rows as ML.NET reads them (labels in "Label", "Value" or "Class" by task kind; weights in "Weight"), cached.</summary>
    public IDataView Train => _train.Value;

    /// <summary>Rows for early stopping, or null.</summary>
    public IDataView? Validation => _validation.Value;

    /// <summary>Preprocessed feature count.</summary>
    public int Features => Rows.Columns;

    /// <summary>Classes for a multiclass head (0 otherwise).</summary>
    public int Classes { get; }

    /// <summary>The preprocessed training rows, shared by every head of the fit.</summary>
    public PreparedRows Rows { get; }

    /// <summary>Per training row: 0 or 1 for a binary head, the class index for a multiclass head, the value for regression.</summary>
    public float[] Targets { get; }

    /// <summary>Per training row class weight, or null when every row weighs 1.</summary>
    public float[]? Weights { get; }

    /// <summary>Where a learner with long work reports it (e.g. trees grown).</summary>
    public IProgress<WorkProgress>? Progress { get; }

    /// <summary>Progress stage name for this head.</summary>
    public string Stage { get; }

    public CancellationToken CancellationToken { get; }
}
