using System.Text.Json.Serialization;
using Galen.Deep.Data;
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

    /// <summary>
    /// Per-channel summary statistics of the kept steps that join the recurrent state before the
    /// head (<see cref="TimeSeriesSummary"/>; scaling learned from the training samples); empty:
    /// the network reads the series (and context) alone. Default: all of them.
    /// </summary>
    public IReadOnlyList<SeriesStatistic> SummaryStatistics { get; init; } = TimeSeriesSummary.All;

    /// <summary>
    /// The context and summary columns also reach the head unchanged (a linear path beside their
    /// ReLU layers); default on. Models saved before this setting existed (deep-model version 1)
    /// load with it off.
    /// </summary>
    public bool LinearInputs { get; init; } = true;

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
        ArgumentNullException.ThrowIfNull(SummaryStatistics);
        if (SummaryStatistics.Distinct().Count() != SummaryStatistics.Count)
        {
            throw new Core.Errors.GalenConfigurationException(
                $"Summary statistics must be listed once each (got {string.Join(", ", SummaryStatistics)}).",
                "Name each of min, max, mean, last, count and unmeasured at most once.");
        }

        Training.Validate();
    }

    /// <summary>The network these settings describe.</summary>
    public TimeSeriesNetwork CreateNetwork(int channels, int outputs, int contextFeatures = 0) => CreateNetwork(channels, outputs, contextFeatures, 0);

    /// <summary>The network these settings describe, for an encoding with <paramref name="summaryFeatures"/> summary columns.</summary>
    public TimeSeriesNetwork CreateNetwork(int channels, int outputs, int contextFeatures, int summaryFeatures) =>
        new(Cell, channels, HiddenSize, Layers, Bidirectional, Dropout, outputs, contextFeatures, summaryFeatures, LinearInputs);

    /// <summary>The network for a fitted <paramref name="encoding"/> (its channels, context and summary widths).</summary>
    public TimeSeriesNetwork CreateNetwork(TimeSeriesEncoding encoding, int outputs)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        return CreateNetwork(encoding.Channels.Count, outputs, encoding.Context?.Features.Count ?? 0, encoding.Summary?.Width ?? 0);
    }
}
