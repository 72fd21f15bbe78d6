using Galen.Core.Learning;
using Galen.Core.Learning.Sequences;

namespace Galen.Data.Tasks;

/// <summary>
/// A task's samples in the shapes asked for. All shapes hold the same samples in the same order
/// with the same targets and <see cref="SampleInfo"/>, so one patient-level split applies to all.
/// </summary>
/// <param name="Task">The task's name.</param>
/// <param name="Parameters">The task's parameters (canonical text).</param>
/// <param name="Definition">The exact label definition.</param>
/// <param name="Fingerprint">The store content the samples came from.</param>
/// <param name="Tabular">Windowed aggregates.</param>
/// <param name="Visits">Visit code sets, when built.</param>
/// <param name="TimeSeries">Binned time series with masks, when built.</param>
/// <param name="FromCache">True when read back from the task cache rather than built.</param>
public sealed record TaskDataset(
    string Task,
    string Parameters,
    string Definition,
    string Fingerprint,
    LabelledSet<FeatureMatrix> Tabular,
    LabelledSet<VisitSequenceSet>? Visits,
    LabelledSet<TimeSeriesSet>? TimeSeries,
    bool FromCache)
{
    public LabelSchema Schema => Tabular.Targets.Schema;

    public IReadOnlyList<SampleInfo> Samples => Tabular.Samples;

    public int Count => Tabular.Count;

    /// <summary>Counts, prevalence and missingness for a cohort table.</summary>
    public CohortSummary Summarize() => CohortSummary.Of(this);
}
