using Galen.Deep.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Galen.Deep.Models;

/// <summary>
/// Vitals and labs over time → [values carried forward, measured-or-not mask] per step → GRU or
/// LSTM over the steps → final state → linear head. The mask lets the network tell a measured
/// normal value from a missing one.
/// </summary>
public sealed class TimeSeriesNetwork : nn.Module<TimeSeriesBatch, Tensor>
{
    private readonly Dropout _dropout;
    private readonly RecurrentEncoder _encoder;
    private readonly Linear _head;

    public TimeSeriesNetwork(RecurrentCell cell, int channels, int hiddenSize, int layers, bool bidirectional, double dropout, int outputs)
        : base(cell == RecurrentCell.Gru ? "GruTimeSeriesNetwork" : "LstmTimeSeriesNetwork")
    {
        Channels = channels;
        _dropout = nn.Dropout(dropout);
        _encoder = new RecurrentEncoder(cell, 2 * channels, hiddenSize, layers, bidirectional, dropout);
        _head = nn.Linear(_encoder.OutputSize, outputs);
        RegisterComponents();
    }

    /// <summary>Channels per step expected.</summary>
    public int Channels { get; }

    public override Tensor forward(TimeSeriesBatch input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Values.dim() != 3 || input.Values.shape[2] != Channels)
        {
            throw new ShapeMismatchException(GetName() + " input", $"[batch, steps, {Channels}]", input.Values.shape);
        }

        var steps = cat([input.Values, input.Observed], 2);
        return _head.call(_dropout.call(_encoder.call(steps, input.Lengths)));
    }
}
