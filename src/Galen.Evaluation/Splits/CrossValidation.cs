using Galen.Core.Learning;
using Galen.Core.Progress;
using Galen.Core.Splits;

namespace Galen.Evaluation.Splits;

/// <summary>Out-of-fold predictions from k-fold training: each row predicted by the model that never saw it.</summary>
/// <param name="Predictions">One prediction per row of the data, in the data's row order.</param>
/// <param name="FoldOfRow">The fold whose test part held each row.</param>
/// <param name="Folds">The folds used.</param>
public sealed record CrossValidationResult(Predictions Predictions, IReadOnlyList<int> FoldOfRow, IReadOnlyList<Fold> Folds);

/// <summary>Runs a trainer over folds and gathers out-of-fold predictions.</summary>
public static class CrossValidation
{
    /// <summary>
    /// Fits <paramref name="trainer"/> on each fold's training rows and predicts its test rows.
    /// <paramref name="onFold"/>, when given, sees each fold's model and test rows (for
    /// permutation importance or per-fold metrics) before the next fold starts.
    /// </summary>
    public static CrossValidationResult Run<TInputs>(
        ITrainer<TInputs> trainer,
        LabelledSet<TInputs> data,
        IReadOnlyList<Fold> folds,
        Action<Fold, IModel<TInputs>, LabelledSet<TInputs>>? onFold = null,
        IProgress<WorkProgress>? progress = null,
        CancellationToken cancellationToken = default)
        where TInputs : IInputs<TInputs>
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(folds);
        int width = data.Targets.Schema.Width;
        var values = new double[data.Count * width];
        var foldOfRow = Enumerable.Repeat(-1, data.Count).ToArray();
        for (int f = 0; f < folds.Count; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fold = folds[f];
            progress?.Report(new WorkProgress($"{trainer.Name} folds", f, folds.Count, $"fold {f + 1} of {folds.Count}"));
            var model = trainer.Fit(data.Select(fold.Train), null, null, cancellationToken);
            var test = data.Select(fold.Test);
            var predicted = model.Predict(test.Inputs);
            for (int i = 0; i < fold.Test.Count; i++)
            {
                int row = fold.Test[i];
                predicted.Row(i).CopyTo(values.AsSpan(row * width, width));
                foldOfRow[row] = f;
            }

            onFold?.Invoke(fold, model, test);
        }

        progress?.Report(new WorkProgress($"{trainer.Name} folds", folds.Count, folds.Count));
        int missing = Array.IndexOf(foldOfRow, -1);
        if (missing >= 0)
        {
            throw new ArgumentException($"Row {missing} is in no fold's test part; folds must cover every row.", nameof(folds));
        }

        return new CrossValidationResult(new Predictions(data.Targets.Schema, values), foldOfRow, folds);
    }
}
