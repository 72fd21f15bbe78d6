using Galen.Core.Learning;
using Galen.Deep.Training;

namespace Galen.Deep.Models;

/// <summary>What every trained Galen.Deep model offers beyond prediction, whatever its inputs.</summary>
public interface IDeepModel : IDisposable
{
    /// <summary>The model family, as saved: <c>mlp</c>, <c>visit-sequence</c> or <c>time-series</c>.</summary>
    string Family { get; }

    /// <summary>What the model predicts.</summary>
    LabelSchema Schema { get; }

    /// <summary>Family and settings in words.</summary>
    string Description { get; }

    /// <summary>How training went, when the model was trained (or loaded with its report).</summary>
    TrainingReport? Training { get; }

    /// <summary>Writes weights, configuration and vocabularies to one file (see <see cref="Persistence.DeepModelArchive"/>).</summary>
    void Save(string path);
}
