using Galen.Deep.Data;
using Galen.Deep.Imaging;
using Galen.Deep.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Models.Imaging;

/// <summary>
/// One step of conditional DCGAN training for <see cref="TrainingLoop"/>: a batch of real
/// images with their classes, as many generated images of the same classes from fresh latents
/// (libtorch's generator, so resume is exact), and both losses computed against the same
/// discriminator before either network steps: the discriminator's
/// BCE(D(real), 1) + BCE(D(fake), 0) and the generator's non-saturating BCE(D(fake), 1).
/// Computing both before any update (simultaneous updates, as TensorFlow's DCGAN tutorial does)
/// keeps the trainer's contract that a non-finite loss changes no weight.
/// </summary>
internal sealed class GanProcedure : ITrainingProcedure, IDisposable
{
    private readonly ConditionalDcgan _gan;
    private readonly EncodedImages _images;
    private readonly int[] _classes;
    private readonly int _classCount;
    private readonly Device _device;
    private readonly optim.Optimizer _generatorOptimizer;
    private readonly optim.Optimizer _discriminatorOptimizer;

    public GanProcedure(ConditionalDcgan gan, EncodedImages images, int[] classes, int classCount, OptimizerOptions optimizer, Device device)
    {
        _gan = gan;
        _images = images;
        _classes = classes;
        _classCount = classCount;
        _device = device;
        _generatorOptimizer = optimizer.Create(gan.Generator.parameters());
        _discriminatorOptimizer = optimizer.Create(gan.Discriminator.parameters());
        Modules = [new TrainedModule("generator", gan.Generator), new TrainedModule("discriminator", gan.Discriminator)];
        Optimizers =
        [
            new ScheduledOptimizer("generator", _generatorOptimizer, optimizer.LearningRate),
            new ScheduledOptimizer("discriminator", _discriminatorOptimizer, optimizer.LearningRate),
        ];
    }

    /// <summary>Discriminator loss first (plotted), then the generator's.</summary>
    public IReadOnlyList<string> LossNames { get; } = ["discriminator", "generator"];

    public IReadOnlyList<TrainedModule> Modules { get; }

    public IReadOnlyList<ScheduledOptimizer> Optimizers { get; }

    public bool HasValidation => false;

    public IReadOnlyList<string> ValidationMetrics { get; } = [];

    public void TrainStep(ReadOnlySpan<int> rows, Span<double> losses)
    {
        using var scope = NewDisposeScope();
        int batch = rows.Length;
        var real = _images.Batch(rows, _device);
        var classes = OneHot(rows);
        var latent = randn(batch, _gan.Generator.Latent).to(_device);
        var fake = _gan.Generator.call(latent, classes);
        var ones = torch.ones(batch, device: _device);
        var zeros = torch.zeros(batch, device: _device);
        var discriminatorLoss = nn.functional.binary_cross_entropy_with_logits(_gan.Discriminator.call(real, classes), ones)
            + nn.functional.binary_cross_entropy_with_logits(_gan.Discriminator.call(fake.detach(), classes), zeros);
        var generatorLoss = nn.functional.binary_cross_entropy_with_logits(_gan.Discriminator.call(fake, classes), ones);
        losses[0] = discriminatorLoss.item<float>();
        losses[1] = generatorLoss.item<float>();
        if (!double.IsFinite(losses[0]) || !double.IsFinite(losses[1]))
        {
            return;
        }

        // The generator's backward pass also reaches the discriminator; its gradients are
        // cleared before the discriminator's own loss is back-propagated.
        _generatorOptimizer.zero_grad();
        generatorLoss.backward();
        _discriminatorOptimizer.zero_grad();
        discriminatorLoss.backward();
        _discriminatorOptimizer.step();
        _generatorOptimizer.step();
    }

    public IReadOnlyDictionary<string, double> Validate(CancellationToken cancellationToken) => new Dictionary<string, double>();

    /// <summary>One-hot classes of the given rows, [rows, classes].</summary>
    private Tensor OneHot(ReadOnlySpan<int> rows)
    {
        var onehot = HostTensors.Empty(ScalarType.Float32, rows.Length, _classCount);
        var values = HostTensors.Span<float>(onehot);
        values.Clear();
        for (int i = 0; i < rows.Length; i++)
        {
            values[(i * _classCount) + _classes[rows[i]]] = 1f;
        }

        return HostTensors.On(onehot, _device);
    }

    public void Dispose()
    {
        _generatorOptimizer.Dispose();
        _discriminatorOptimizer.Dispose();
    }
}
