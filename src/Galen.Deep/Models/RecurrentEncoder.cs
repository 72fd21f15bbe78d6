using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Galen.Deep.Models;

/// <summary>
/// A GRU or LSTM over variable-length sequences, read as packed sequences so padding never
/// reaches the recurrence; returns each sequence's final hidden state (both directions
/// concatenated when bidirectional) from the last layer.
/// </summary>
public sealed class RecurrentEncoder : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly GRU? _gru;
    private readonly LSTM? _lstm;

    /// <param name="cell">GRU or LSTM.</param>
    /// <param name="inputSize">Features per step.</param>
    /// <param name="hiddenSize">Hidden units per direction.</param>
    /// <param name="layers">Stacked layers.</param>
    /// <param name="bidirectional">Also read each sequence backwards.</param>
    /// <param name="dropout">Dropout between stacked layers.</param>
    public RecurrentEncoder(RecurrentCell cell, int inputSize, int hiddenSize, int layers, bool bidirectional, double dropout)
        : base(nameof(RecurrentEncoder))
    {
        Cell = cell;
        InputSize = inputSize;
        Directions = bidirectional ? 2 : 1;
        double between = layers > 1 ? dropout : 0.0;
        if (cell == RecurrentCell.Gru)
        {
            _gru = nn.GRU(inputSize, hiddenSize, layers, batchFirst: true, dropout: between, bidirectional: bidirectional);
        }
        else
        {
            _lstm = nn.LSTM(inputSize, hiddenSize, layers, batchFirst: true, dropout: between, bidirectional: bidirectional);
        }

        OutputSize = hiddenSize * Directions;
        RegisterComponents();
    }

    public RecurrentCell Cell { get; }

    /// <summary>Features per step expected.</summary>
    public int InputSize { get; }

    /// <summary>1, or 2 when bidirectional.</summary>
    public int Directions { get; }

    /// <summary>Width of the returned state.</summary>
    public int OutputSize { get; }

    /// <param name="input">Padded sequences [batch, steps, <see cref="InputSize"/>].</param>
    /// <param name="lengths">Real steps per sequence, int64 on the CPU.</param>
    /// <returns>[batch, <see cref="OutputSize"/>].</returns>
    public override Tensor forward(Tensor input, Tensor lengths)
    {
        if (input.dim() != 3 || input.shape[2] != InputSize)
        {
            throw new ShapeMismatchException($"{Cell} input", $"[batch, steps, {InputSize}]", input.shape);
        }

        using var packed = nn.utils.rnn.pack_padded_sequence(input, lengths, batch_first: true, enforce_sorted: false);
        Tensor hidden;
        if (_gru is not null)
        {
            var (output, h) = _gru.call(packed);
            output.Dispose();
            hidden = h;
        }
        else
        {
            var (output, h, c) = _lstm!.call(packed);
            output.Dispose();
            c.Dispose();
            hidden = h;
        }

        // hidden: [layers × directions, batch, hidden]; the last layer's directions come last.
        return Directions == 1 ? hidden[-1] : cat([hidden[-2], hidden[-1]], 1);
    }
}
