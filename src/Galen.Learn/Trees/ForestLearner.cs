using Galen.Core.Progress;

namespace Galen.Learn.Trees;

/// <summary>
/// Grows a random forest: bins the rows once, then grows the trees on
/// <see cref="ForestSettings.Threads"/> threads, each thread taking the next tree index and
/// reusing its own scratch space. Tree t is the same whichever thread grows it.
/// </summary>
internal static class ForestLearner
{
    /// <summary>Bins <paramref name="values"/> (row-major, <paramref name="features"/> columns) and grows the forest.</summary>
    public static DecisionForest Fit(float[] values, int features, ForestTargets targets, ForestSettings settings, IProgress<WorkProgress>? progress = null, string stage = "grow trees", CancellationToken cancellationToken = default)
    {
        var binned = BinnedFeatures.Build(values, features, settings.Bins, settings.Threads, cancellationToken);
        return Fit(binned, targets, settings, progress, stage, cancellationToken);
    }

    /// <summary>Grows the forest on rows binned already (shared by several heads of one fit).</summary>
    public static DecisionForest Fit(BinnedFeatures binned, ForestTargets targets, ForestSettings settings, IProgress<WorkProgress>? progress = null, string stage = "grow trees", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(binned);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(settings);
        if (targets.Rows != binned.Rows)
        {
            throw new ArgumentException($"{targets.Rows} targets for {binned.Rows} rows.", nameof(targets));
        }

        var trees = new DecisionTree[settings.Trees];
        int next = -1;
        int done = 0;
        var gate = new object();
        progress?.Report(new WorkProgress(stage, 0, settings.Trees));
        int workers = Math.Max(1, Math.Min(settings.Threads, settings.Trees));

        void Work()
        {
            var grower = new TreeGrower(binned, targets, settings);
            int t;
            while ((t = Interlocked.Increment(ref next)) < trees.Length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                trees[t] = grower.Grow(t);
                if (progress is not null)
                {
                    lock (gate)
                    {
                        progress.Report(new WorkProgress(stage, ++done, settings.Trees));
                    }
                }
            }
        }

        if (workers == 1)
        {
            Work();
        }
        else
        {
            // Dedicated threads: the pool could run both workers one after the other when busy.
            var errors = new Exception?[workers];
            var threads = Enumerable.Range(0, workers).Select(w => new Thread(() =>
            {
                try
                {
                    Work();
                }
                catch (Exception e)
                {
                    // Handed to the calling thread below, which rethrows it.
                    errors[w] = e;
                    Interlocked.Exchange(ref next, trees.Length);
                }
            })
            { IsBackground = true, Name = $"galen-forest-{w}" }).ToArray();
            foreach (var thread in threads)
            {
                thread.Start();
            }

            foreach (var thread in threads)
            {
                thread.Join();
            }

            var error = errors.FirstOrDefault(e => e is not null && e is not OperationCanceledException) ?? errors.FirstOrDefault(e => e is not null);
            if (error is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
            }
        }

        return new DecisionForest(binned.Features, targets.IsClassification ? targets.ClassCount : 0, trees);
    }
}
