using System.Globalization;
using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Deep.Imaging;
using Galen.Deep.Persistence;
using Galen.Deep.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Models.Imaging;

/// <summary>
/// A trained class-conditional DCGAN: generates images of a chosen class, reproducibly from a
/// seed, without touching libtorch's global generator. Holds native memory: dispose it.
/// </summary>
public sealed class ImageGanModel : IDeepModel
{
    /// <summary>Family name in saved files.</summary>
    public const string FamilyName = "image-gan";

    private const int GenerationBatch = 256;

    public ImageGanModel(ConditionalDcgan network, ImageShape shape, LabelSchema schema, IReadOnlyList<double> classShares, ImageGanOptions options, Device device, TrainingReport? training)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(classShares);
        ArgumentNullException.ThrowIfNull(options);
        Network = network;
        Shape = shape;
        Schema = schema;
        ClassShares = classShares;
        Options = options;
        Device = device;
        Training = training;
        Network.eval();
    }

    public string Family => FamilyName;

    /// <summary>The classes the generator can be asked for.</summary>
    public LabelSchema Schema { get; }

    /// <summary>Shape of the generated images.</summary>
    public ImageShape Shape { get; }

    /// <summary>Share of each class among the training images (the proportions <see cref="GenerateLikeTraining"/> draws).</summary>
    public IReadOnlyList<double> ClassShares { get; }

    public ImageGanOptions Options { get; }

    /// <summary>Where the networks run.</summary>
    public Device Device { get; }

    /// <summary>Generator and discriminator.</summary>
    public ConditionalDcgan Network { get; }

    public TrainingReport? Training { get; }

    public string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"conditional DCGAN, latent {Options.LatentSize}, widths G {Options.GeneratorWidth} / D {Options.DiscriminatorWidth}, {Shape} images, {Schema.Classes.Count} classes");

    /// <summary>
    /// One generated image per entry of <paramref name="classes"/> (class indices), values in
    /// [0, 1]. The latents come from a generator seeded with <paramref name="seed"/>: the same
    /// seed and classes give the same images.
    /// </summary>
    public ImageSet Generate(IReadOnlyList<int> classes, int seed)
    {
        ArgumentNullException.ThrowIfNull(classes);
        int k = Schema.Classes.Count;
        int bad = classes.ToList().FindIndex(c => c < 0 || c >= k);
        if (bad >= 0)
        {
            throw new GalenConfigurationException($"Class {classes[bad]} does not exist; the generator knows {string.Join(", ", Schema.Classes.Select((name, i) => $"{i} = {name}"))}.");
        }

        var images = new float[classes.Count][];
        using var generator = new torch.Generator((ulong)seed, torch.CPU);
        using (no_grad())
        {
            for (int start = 0; start < classes.Count; start += GenerationBatch)
            {
                int count = Math.Min(GenerationBatch, classes.Count - start);
                using var scope = NewDisposeScope();
                var latent = randn([count, Options.LatentSize], generator: generator).to(Device);
                var onehot = zeros(count, k);
                for (int i = 0; i < count; i++)
                {
                    onehot[i, classes[start + i]] = 1f;
                }

                var output = Network.Generator.call(latent, onehot.to(Device)).add(1).mul(0.5).clamp(0, 1).contiguous().cpu();
                var values = output.data<float>().ToArray();
                for (int i = 0; i < count; i++)
                {
                    images[start + i] = values.AsSpan(i * Shape.Values, Shape.Values).ToArray();
                }
            }
        }

        return ImageSet.FromArrays(images, Shape, "generated images");
    }

    /// <summary><paramref name="perClass"/> images of every class, class by class.</summary>
    public ImageSet Generate(int perClass, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perClass, 1);
        return Generate(Enumerable.Range(0, Schema.Classes.Count).SelectMany(c => Enumerable.Repeat(c, perClass)).ToArray(), seed);
    }

    /// <summary><paramref name="count"/> images whose classes are drawn in the training proportions; returns the classes asked for.</summary>
    public (ImageSet Images, int[] Classes) GenerateLikeTraining(int count, int seed)
    {
        var random = Core.Randomness.Seeds.Stream(seed, "gan.classes");
        var classes = new int[count];
        for (int i = 0; i < count; i++)
        {
            double u = random.NextDouble();
            int c = 0;
            double cumulative = ClassShares[0];
            while (u >= cumulative && c < ClassShares.Count - 1)
            {
                cumulative += ClassShares[++c];
            }

            classes[i] = c;
        }

        return (Generate(classes, seed), classes);
    }

    public void Save(string path) => DeepModelArchive.Save(this, path);

    public void Dispose()
    {
        Network.Dispose();
        GC.SuppressFinalize(this);
    }
}
