using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Galen.Deep.Models.Imaging;

/// <summary>
/// A ResNet basic block (He et al. 2016): conv 3×3 → batch norm → ReLU → conv 3×3 → batch norm,
/// added to the input (through a 1×1 conv and batch norm when the stride or width changes), then ReLU.
/// </summary>
public sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d _conv1;
    private readonly BatchNorm2d _norm1;
    private readonly Conv2d _conv2;
    private readonly BatchNorm2d _norm2;
    private readonly nn.Module<Tensor, Tensor> _shortcut;

    /// <param name="inputs">Input channels.</param>
    /// <param name="outputs">Output channels.</param>
    /// <param name="stride">2 halves the height and width, 1 keeps them.</param>
    public ResidualBlock(int inputs, int outputs, int stride)
        : base(nameof(ResidualBlock))
    {
        _conv1 = nn.Conv2d(inputs, outputs, 3, stride: stride, padding: 1, bias: false);
        _norm1 = nn.BatchNorm2d(outputs);
        _conv2 = nn.Conv2d(outputs, outputs, 3, stride: 1, padding: 1, bias: false);
        _norm2 = nn.BatchNorm2d(outputs);
        _shortcut = stride != 1 || inputs != outputs
            ? nn.Sequential(nn.Conv2d(inputs, outputs, 1, stride: stride, bias: false), nn.BatchNorm2d(outputs))
            : nn.Identity();
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = nn.functional.relu(_norm1.call(_conv1.call(input)));
        x = _norm2.call(_conv2.call(x));
        return nn.functional.relu(x.add_(_shortcut.call(input)));
    }
}
