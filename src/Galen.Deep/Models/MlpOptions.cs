using System.Text.Json.Serialization;
using Galen.Core.Errors;
using Galen.Deep.Training;

namespace Galen.Deep.Models;

/// <summary>Settings of an <see cref="Mlp"/> on tabular samples and of its training.</summary>
public sealed record MlpOptions
{
    /// <summary>Width of each hidden layer, first to last.</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [64, 32];

    /// <summary>Dropout after each hidden layer.</summary>
    public double Dropout { get; init; } = 0.1;

    /// <summary>How the network is trained.</summary>
    [JsonIgnore]
    public TrainerOptions Training { get; init; } = new();

    /// <summary>Throws a <see cref="GalenConfigurationException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Hidden);
        if (Hidden.Any(width => width < 1))
        {
            throw new GalenConfigurationException($"Every hidden layer needs at least 1 unit (got {string.Join(", ", Hidden)}).");
        }

        ArchitectureChecks.Dropout(Dropout);
        Training.Validate();
    }

    /// <summary>The network these settings describe.</summary>
    public Mlp CreateNetwork(int inputs, int outputs) => new(inputs, Hidden, outputs, Dropout);
}
