using Galen.Core.Progress;
using Spectre.Console;

namespace Galen.Cli.Terminal;

/// <summary>Renders <see cref="WorkProgress"/> reports from library code as Spectre.Console progress bars.</summary>
public static class ProgressBars
{
    /// <summary>
    /// Runs <paramref name="work"/> with one progress bar per reported stage. Library code
    /// reports through the given <see cref="IProgress{T}"/>; it never touches the console.
    /// </summary>
    public static async Task<T> RunAsync<T>(IAnsiConsole console, string title, Func<IProgress<WorkProgress>, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bars = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var sink = new SynchronousProgress(report =>
                {
                    if (!bars.TryGetValue(report.Stage, out var bar))
                    {
                        bar = context.AddTask(Markup.Escape($"{title}: {report.Stage}"), maxValue: report.Total ?? 100);
                        bar.IsIndeterminate = report.Total is null;
                        bars[report.Stage] = bar;
                    }

                    if (report.Total is { } total)
                    {
                        bar.MaxValue = total;
                    }

                    bar.Value = report.Completed;
                    bar.Description = Markup.Escape(report.Detail is null
                        ? $"{title}: {report.Stage}"
                        : $"{title}: {report.Stage} ({report.Detail})");
                });
                var result = await work(sink).ConfigureAwait(false);
                foreach (var bar in bars.Values)
                {
                    bar.StopTask();
                }

                return result;
            }).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies reports on the reporting thread; <see cref="Progress{T}"/> would post them to a
    /// synchronisation context and could reorder them.
    /// </summary>
    private sealed class SynchronousProgress(Action<WorkProgress> apply) : IProgress<WorkProgress>
    {
        private readonly Lock _gate = new();

        public void Report(WorkProgress value)
        {
            lock (_gate)
            {
                apply(value);
            }
        }
    }
}
