using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Galen.Deep.Models;

/// <summary>
/// A multi-layer perceptron for tabular samples: Linear → ReLU → Dropout blocks, then a
/// linear head producing one logit per output.
/// </summary>
public sealed class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<nn.Module<Tensor, Tensor>> _blocks = new();
    private readonly Linear _head;

    /// <param name="inputs">Features per sample.</param>
    /// <param name="hidden">Width of each hidden layer, first to last.</param>
    /// <param name="outputs">Logits per sample.</param>
    /// <param name="dropout">Dropout probability after each hidden layer.</param>
    public Mlp(int inputs, IReadOnlyList<int> hidden, int outputs, double dropout = 0.0)
        : base(nameof(Mlp))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        ArgumentNullException.ThrowIfNull(hidden);
        Inputs = inputs;
        int width = inputs;
        foreach (int size in hidden)
        {
            _blocks.Add(nn.Sequential(nn.Linear(width, size), nn.ReLU(), nn.Dropout(dropout)));
            width = size;
        }

        _head = nn.Linear(width, outputs);
        RegisterComponents();
    }

    /// <summary>Features per sample the network expects.</summary>
    public int Inputs { get; }

    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 2 || input.shape[1] != Inputs)
        {
            throw new ShapeMismatchException("Mlp input", $"[batch, {Inputs}]", input.shape);
        }

        var x = input;
        foreach (var block in _blocks)
        {
            x = block.call(x);
        }

        return _head.call(x);
    }
}
