using Galen.Deep.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Galen.Deep.Models;

/// <summary>
/// Vitals and labs over time → [values carried forward, measured-or-not mask] per step → GRU or
/// LSTM over the steps → final state → linear head. The mask lets the network tell a measured
/// normal value from a missing one. When the samples carry context features (age, history,
/// treatments started), they pass through a linear layer with ReLU and join the final state
/// before the head.
/// </summary>
public sealed class TimeSeriesNetwork : nn.Module<TimeSeriesBatch, Tensor>
{
    private readonly Dropout _dropout;
    private readonly RecurrentEncoder _encoder;
    private readonly Linear? _context;
    private readonly Linear _head;

    public TimeSeriesNetwork(RecurrentCell cell, int channels, int hiddenSize, int layers, bool bidirectional, double dropout, int outputs, int contextFeatures = 0)
        : base(cell == RecurrentCell.Gru ? "GruTimeSeriesNetwork" : "LstmTimeSeriesNetwork")
    {
        Channels = channels;
        ContextFeatures = contextFeatures;
        _dropout = nn.Dropout(dropout);
        _encoder = new RecurrentEncoder(cell, 2 * channels, hiddenSize, layers, bidirectional, dropout);
        _context = contextFeatures > 0 ? nn.Linear(contextFeatures, hiddenSize) : null;
        _head = nn.Linear(_encoder.OutputSize + (contextFeatures > 0 ? hiddenSize : 0), outputs);
        RegisterComponents();
    }

    /// <summary>Channels per step expected.</summary>
    public int Channels { get; }

    /// <summary>Context features per sample expected (0: none).</summary>
    public int ContextFeatures { get; }

    public override Tensor forward(TimeSeriesBatch input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Values.dim() != 3 || input.Values.shape[2] != Channels)
        {
            throw new ShapeMismatchException(GetName() + " input", $"[batch, steps, {Channels}]", input.Values.shape);
        }

        var steps = cat([input.Values, input.Observed], 2);
        var state = _encoder.call(steps, input.Lengths);
        if (_context is not null)
        {
            if (input.Context is null || input.Context.dim() != 2 || input.Context.shape[1] != ContextFeatures)
            {
                throw new ShapeMismatchException(GetName() + " context", $"[batch, {ContextFeatures}]", input.Context?.shape ?? []);
            }

            state = cat([state, nn.functional.relu(_context.call(input.Context))], 1);
        }

        return _head.call(_dropout.call(state));
    }
}
