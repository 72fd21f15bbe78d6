using Galen.Core.Learning;
using Galen.Data.Timeline;

namespace Galen.Data.Tasks;

/// <summary>
/// A prediction task defined on one patient's timeline, PyHealth-style: a function from a
/// patient to labelled samples. Configuration is fixed at construction (its parameters are part
/// of the task's cache key); the exact label definition is in <see cref="Definition"/>.
/// </summary>
public interface IClinicalTask
{
    /// <summary>Machine name, e.g. "readmission".</summary>
    string Name { get; }

    /// <summary>The parameters in canonical text, e.g. "window_days=30" (part of cache keys).</summary>
    string Parameters { get; }

    /// <summary>The exact label definition in words (shown in reports and docs).</summary>
    string Definition { get; }

    /// <summary>Fixes what is predicted (for multi-label tasks, the label space from the store's codes).</summary>
    LabelSchema Prepare(TaskPreparation preparation);

    /// <summary>The samples of one patient; called after <see cref="Prepare"/>, from several threads at once.</summary>
    IEnumerable<TaskSample> Samples(Patient patient);
}
