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
/// BCE(D(real), <see cref="ImageGanOptions.RealLabel"/>) + BCE(D(fake), 0) + w·CE(class head(real), class)
/// and the generator's non-saturating BCE(D(fake), 1) + w·CE(class head(fake), class asked for),
/// w = <see cref="ImageGanOptions.ClassLossWeight"/> (AC-GAN with the auxiliary loss on real
/// images only for the discriminator, so it never learns classes from the generator's mistakes).
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
    private readonly double _classLossWeight;
    private readonly double _realLabel;
    private readonly optim.Optimizer _generatorOptimizer;
    private readonly optim.Optimizer _discriminatorOptimizer;

    public GanProcedure(ConditionalDcgan gan, EncodedImages images, int[] classes, int classCount, ImageGanOptions options, Device device)
    {
        var optimizer = options.Training.Optimizer;
        _classLossWeight = options.ClassLossWeight;
        _realLabel = options.RealLabel;
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
        var (classes, targets) = Classes(rows);
        var latent = randn(batch, _gan.Generator.Latent).to(_device);
        var fake = _gan.Generator.call(latent, classes);
        var realLabels = torch.full(batch, _realLabel, device: _device);
        var fakeLabels = torch.zeros(batch, device: _device);
        var ones = torch.ones(batch, device: _device);
        var (realRealness, realClasses) = _gan.Discriminator.Judge(real, classes);
        var (fakeRealness, _) = _gan.Discriminator.Judge(fake.detach(), classes);
        var discriminatorLoss = nn.functional.binary_cross_entropy_with_logits(realRealness, realLabels)
            + nn.functional.binary_cross_entropy_with_logits(fakeRealness, fakeLabels);
        var (judgedRealness, judgedClasses) = _gan.Discriminator.Judge(fake, classes);
        var generatorLoss = nn.functional.binary_cross_entropy_with_logits(judgedRealness, ones);
        if (_classLossWeight > 0)
        {
            discriminatorLoss += _classLossWeight * nn.functional.cross_entropy(realClasses, targets);
            generatorLoss += _classLossWeight * nn.functional.cross_entropy(judgedClasses, targets);
        }

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

    /// <summary>One-hot classes [rows, classes] and class indices [rows] of the given rows.</summary>
    private (Tensor OneHot, Tensor Indices) Classes(ReadOnlySpan<int> rows)
    {
        var onehot = HostTensors.Empty(ScalarType.Float32, rows.Length, _classCount);
        var indices = HostTensors.Empty(ScalarType.Int64, rows.Length);
        var values = HostTensors.Span<float>(onehot);
        var targets = HostTensors.Span<long>(indices);
        values.Clear();
        for (int i = 0; i < rows.Length; i++)
        {
            int c = _classes[rows[i]];
            values[(i * _classCount) + c] = 1f;
            targets[i] = c;
        }

        return (HostTensors.On(onehot, _device), HostTensors.On(indices, _device));
    }

    public void Dispose()
    {
        _generatorOptimizer.Dispose();
        _discriminatorOptimizer.Dispose();
    }
}
