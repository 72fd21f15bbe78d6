using System.Text.Json.Serialization;
using Galen.Deep.Training;

namespace Galen.Deep.Models;

/// <summary>Settings of a time-series model over vitals and labs and of its training.</summary>
public sealed record TimeSeriesOptions
{
    public RecurrentCell Cell { get; init; } = RecurrentCell.Gru;

    /// <summary>Hidden units per direction.</summary>
    public int HiddenSize { get; init; } = 64;

    /// <summary>Stacked layers.</summary>
    public int Layers { get; init; } = 1;

    /// <summary>Also read the series backwards.</summary>
    public bool Bidirectional { get; init; }

    public double Dropout { get; init; } = 0.1;

    /// <summary>Most recent time steps kept per sample.</summary>
    public int MaxSteps { get; init; } = 200;

    /// <summary>How the network is trained.</summary>
    [JsonIgnore]
    public TrainerOptions Training { get; init; } = new();

    /// <summary>Throws a <see cref="Core.Errors.GalenConfigurationException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        ArchitectureChecks.AtLeast(HiddenSize, 1, "The hidden size");
        ArchitectureChecks.AtLeast(Layers, 1, "Layers");
        ArchitectureChecks.AtLeast(MaxSteps, 1, "The maximum number of steps");
        ArchitectureChecks.Dropout(Dropout);
        Training.Validate();
    }

    /// <summary>The network these settings describe.</summary>
    public TimeSeriesNetwork CreateNetwork(int channels, int outputs, int contextFeatures = 0) => new(Cell, channels, HiddenSize, Layers, Bidirectional, Dropout, outputs, contextFeatures);
}
