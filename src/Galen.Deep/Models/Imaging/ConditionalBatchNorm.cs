using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Galen.Deep.Models.Imaging;

/// <summary>
/// Class-conditional batch norm (de Vries et al. 2017; Miyato &amp; Koyama 2018): batch norm
/// without its own scale and shift, then a scale 1 + γ(class) and a shift β(class) per feature
/// map, each looked up from the class's one-hot vector. Lets the class steer every generator
/// stage, not only the input.
/// </summary>
public sealed class ConditionalBatchNorm : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly BatchNorm2d norm;
    private readonly Linear gain;
    private readonly Linear shift;

    /// <param name="maps">Feature maps normalised.</param>
    /// <param name="classes">Classes of the condition.</param>
    public ConditionalBatchNorm(int maps, int classes)
        : base(nameof(ConditionalBatchNorm))
    {
        Maps = maps;
        norm = nn.BatchNorm2d(maps, affine: false);
        gain = nn.Linear(classes, maps, hasBias: false);
        shift = nn.Linear(classes, maps, hasBias: false);
        RegisterComponents();
        using var _ = no_grad();
        nn.init.normal_(gain.weight!, 0, 0.02);
        nn.init.zeros_(shift.weight!);
    }

    /// <summary>Feature maps normalised.</summary>
    public int Maps { get; }

    /// <summary>Normalised maps [batch, maps, h, w] scaled and shifted by the one-hot classes [batch, classes].</summary>
    public override Tensor forward(Tensor maps, Tensor classes)
    {
        ArgumentNullException.ThrowIfNull(maps);
        ArgumentNullException.ThrowIfNull(classes);
        long batch = maps.shape[0];
        var scale = gain.call(classes).add(1).view(batch, Maps, 1, 1);
        var offset = shift.call(classes).view(batch, Maps, 1, 1);
        return norm.call(maps).mul(scale).add(offset);
    }
}
