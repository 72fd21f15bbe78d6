using System.Globalization;
using Galen.Deep.Data;
using Galen.Deep.Training;
using Galen.Deep.Training.Objectives;
using static TorchSharp.torch;

namespace Galen.Deep.Models;

/// <summary>A trained time-series model with the channel scaling it learned.</summary>
public sealed class TimeSeriesModel : DeepModel<TimeSeriesInputs, TimeSeriesBatch>
{
    /// <summary>Family name in saved files.</summary>
    public const string FamilyName = "time-series";

    public TimeSeriesModel(TimeSeriesNetwork network, TrainingObjective objective, TimeSeriesEncoding encoding, TimeSeriesOptions options, Device device, TrainingReport? training)
        : base(network, objective, device, training)
    {
        Encoding = encoding;
        Options = options;
    }

    public override string Family => FamilyName;

    /// <summary>The channel scaling and step window learned from the training samples.</summary>
    public TimeSeriesEncoding Encoding { get; }

    /// <summary>The network's settings.</summary>
    public TimeSeriesOptions Options { get; }

    public override string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"{(Options.Bidirectional ? "bidirectional " : string.Empty)}{Options.Cell.ToString().ToUpperInvariant()} over {Encoding.Channels.Count} time-series channels with missing-value masks{(Encoding.Context is { } context ? $" and {context.Features.Count} context features" : string.Empty)}{(Encoding.Summary is { } summary ? $", plus per-channel {string.Join("/", summary.Statistics.Select(s => s.ToString().ToLowerInvariant()))} of the series" : string.Empty)}, {Options.Layers} × {Options.HiddenSize} units");

    public override IBatchSource<TimeSeriesBatch> Encode(TimeSeriesInputs inputs, string source) => Encoding.Encode(inputs, source);
}
