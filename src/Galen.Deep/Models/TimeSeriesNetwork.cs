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
/// before the head; so do the per-channel summary statistics of the series
/// (<see cref="TimeSeriesSummary"/>: lowest, highest, mean, last value, measured steps, never
/// measured) when the model reads them, which hands the head the extremes a risk often turns on
/// (the worst value of the first day) without the recurrence having to carry them to the end.
/// With <see cref="LinearInputs"/> the context and summary columns also reach the head as they
/// are, a linear ("wide") path beside the ReLU layers ("deep"), as in Cheng et al.'s wide and
/// deep networks: the head can weigh an extreme or an age linearly from the first step instead
/// of first building the line out of ReLU units.
/// </summary>
public sealed class TimeSeriesNetwork : nn.Module<TimeSeriesBatch, Tensor>
{
    private readonly Dropout _dropout;
    private readonly RecurrentEncoder _encoder;
    private readonly Linear? _context;
    private readonly Linear? _summary;
    private readonly Linear _head;

    /// <param name="cell">GRU or LSTM.</param>
    /// <param name="channels">Channels per step.</param>
    /// <param name="hiddenSize">Hidden units per direction; also the width of the context and summary layers.</param>
    /// <param name="layers">Stacked recurrent layers.</param>
    /// <param name="bidirectional">Also read the series backwards.</param>
    /// <param name="dropout">Dropout before the head (and between stacked layers).</param>
    /// <param name="outputs">Logits per sample.</param>
    /// <param name="contextFeatures">Context features per sample (0: none).</param>
    /// <param name="summaryFeatures">Summary-statistic columns per sample (0: none).</param>
    /// <param name="linearInputs">Also hand the context and summary columns to the head as they are (a linear path beside the ReLU layers).</param>
    public TimeSeriesNetwork(RecurrentCell cell, int channels, int hiddenSize, int layers, bool bidirectional, double dropout, int outputs, int contextFeatures = 0, int summaryFeatures = 0, bool linearInputs = false)
        : base(cell == RecurrentCell.Gru ? "GruTimeSeriesNetwork" : "LstmTimeSeriesNetwork")
    {
        Channels = channels;
        ContextFeatures = contextFeatures;
        SummaryFeatures = summaryFeatures;
        LinearInputs = linearInputs;
        _dropout = nn.Dropout(dropout);
        _encoder = new RecurrentEncoder(cell, 2 * channels, hiddenSize, layers, bidirectional, dropout);
        _context = contextFeatures > 0 ? nn.Linear(contextFeatures, hiddenSize) : null;
        _summary = summaryFeatures > 0 ? nn.Linear(summaryFeatures, hiddenSize) : null;
        int linear = linearInputs ? contextFeatures + summaryFeatures : 0;
        _head = nn.Linear(_encoder.OutputSize + (contextFeatures > 0 ? hiddenSize : 0) + (summaryFeatures > 0 ? hiddenSize : 0) + linear, outputs);
        RegisterComponents();
    }

    /// <summary>Channels per step expected.</summary>
    public int Channels { get; }

    /// <summary>Context features per sample expected (0: none).</summary>
    public int ContextFeatures { get; }

    /// <summary>Summary-statistic columns per sample expected (0: none).</summary>
    public int SummaryFeatures { get; }

    /// <summary>Whether the context and summary columns also reach the head linearly.</summary>
    public bool LinearInputs { get; }

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
            state = Join(state, _context, input.Context, ContextFeatures, "context");
        }

        if (_summary is not null)
        {
            state = Join(state, _summary, input.Summary, SummaryFeatures, "summary");
        }

        return _head.call(_dropout.call(state));
    }

    /// <summary>The state joined with the per-sample columns' hidden layer (and, with <see cref="LinearInputs"/>, the columns themselves).</summary>
    private Tensor Join(Tensor state, Linear layer, Tensor? columns, int width, string part)
    {
        if (columns is null || columns.dim() != 2 || columns.shape[1] != width)
        {
            throw new ShapeMismatchException(GetName() + " " + part, $"[batch, {width}]", columns?.shape ?? []);
        }

        var hidden = nn.functional.relu(layer.call(columns));
        return LinearInputs ? cat([state, hidden, columns], 1) : cat([state, hidden], 1);
    }
}
