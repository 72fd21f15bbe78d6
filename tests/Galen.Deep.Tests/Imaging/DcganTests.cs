using Galen.Core.Errors;
using Galen.Deep.Imaging;
using Galen.Deep.Models.Imaging;
using Galen.Deep.Persistence;
using Galen.Deep.Tests.Fixtures;
using Galen.Deep.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Tests.Imaging;

public sealed class DcganTests
{
    private static ImageGanOptions Small(int epochs, string? checkpoints = null, bool resume = false) => new()
    {
        LatentSize = 8,
        GeneratorWidth = 8,
        DiscriminatorWidth = 8,
        Training = new TrainerOptions
        {
            Epochs = epochs,
            BatchSize = 16,
            Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 2e-3, Beta1 = 0.5, WeightDecay = 0 },
            Seed = 3,
            Threads = 1,
            CheckpointDirectory = checkpoints,
            Resume = resume,
            ProgressInterval = TimeSpan.Zero,
        },
    };

    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(64)]
    public void The_generator_makes_images_of_the_size_in_minus_one_to_one_and_the_discriminator_one_logit_each(int size)
    {
        manual_seed(1);
        using var gan = new ConditionalDcgan(latent: 8, classes: 3, channels: 1, size: size, generatorWidth: 4, discriminatorWidth: 4);
        using var scope = NewDisposeScope();
        var classes = nn.functional.one_hot(tensor(new long[] { 0, 2 }), 3).to(ScalarType.Float32);

        var images = gan.Generator.call(randn(2, 8), classes);
        var logits = gan.Discriminator.call(images, classes);

        Assert.Equal([2L, 1L, size, size], images.shape);
        Assert.True(images.abs().max().item<float>() <= 1f);
        Assert.Equal([2L], logits.shape);
    }

    [Theory]
    [InlineData(48)]
    [InlineData(4)]
    public void A_size_that_is_not_four_times_a_power_of_two_is_refused(int size)
    {
        var error = Assert.Throws<GalenConfigurationException>(() => ConditionalDcgan.Doublings(size));

        Assert.Contains($"these images are {size} pixels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gradients_reach_every_parameter_of_both_networks()
    {
        manual_seed(2);
        using var gan = new ConditionalDcgan(8, 2, 1, 16, 4, 4);
        using var scope = NewDisposeScope();
        var classes = nn.functional.one_hot(tensor(new long[] { 0, 1, 1 }), 2).to(ScalarType.Float32);
        var fake = gan.Generator.call(randn(3, 8), classes);

        Assert.Empty(Gradients.Dead(gan.Generator, gan.Discriminator.call(fake, classes).mean()));
        var (realness, classLogits) = gan.Discriminator.Judge(fake.detach(), classes);
        Assert.Empty(Gradients.Dead(gan.Discriminator, realness.pow(2).mean() + classLogits.pow(2).mean()));
    }

    [Fact]
    public void The_gan_overfits_a_tiny_set_generating_each_class_pattern()
    {
        var train = Patterns.Make(perClass: 16, size: 16, seed: 1, noise: 0);

        using var gan = new ImageGanTrainer(Small(epochs: 60)).Fit(train);
        var generated = gan.Generate(perClass: 8, seed: 5);

        for (int c = 0; c < 2; c++)
        {
            var own = Patterns.Clean(c, 16);
            var other = Patterns.Clean(1 - c, 16);
            for (int n = 0; n < 8; n++)
            {
                var image = generated[(c * 8) + n].ToArray();
                double toOwn = Rms(image, own);
                Assert.True(toOwn < 0.15 && toOwn < Rms(image, other), $"class {c} sample {n}: RMS {toOwn:F3} to its pattern");
            }
        }

        Assert.Equal(["discriminator", "generator"], gan.Training!.Epochs[^1].Training.Keys);
    }

    [Fact]
    public void Samples_of_each_requested_class_show_that_class_s_feature()
    {
        // The DCGAN conditioned only at its input (one-hot beside the latent, constant channels
        // on the discriminator) drew every class mottled here, as it drew every chest film
        // with pneumonia's texture. Half the images have nothing, 30 % a mottled patch, 20 % a smooth blob; their
        // positions, the field and the speckle vary, so the generator cannot just memorise three images.
        var train = Blobs.Make([48, 29, 19], size: 16, seed: 11);
        var options = Small(epochs: 80) with { LatentSize = 16 };
        Assert.All(Enumerable.Range(0, train.Count), i => Assert.Equal((int)train.Targets.Values[i], Blobs.Read(train.Inputs[i], 16)));

        using var gan = new ImageGanTrainer(options).Fit(train);
        const int perClass = 50;
        var generated = gan.Generate(perClass, seed: 6);

        var read = Enumerable.Range(0, 3 * perClass).Select(i => Blobs.Read(generated[i], 16)).ToArray();
        string confusion = string.Join("; ", Enumerable.Range(0, 3).Select(c => $"{Blobs.Schema.Classes[c]} read as " + string.Join("/", Enumerable.Range(0, 3).Select(r => read.Skip(c * perClass).Take(perClass).Count(v => v == r)))));
        for (int c = 0; c < 3; c++)
        {
            int agree = read.Skip(c * perClass).Take(perClass).Count(v => v == c);
            Assert.True(agree >= 0.8 * perClass, $"{Blobs.Schema.Classes[c]}: {agree} of {perClass} samples show it ({confusion})");
        }

        Assert.True(GanEvaluator.Diversity(generated, Enumerable.Range(perClass, perClass).ToArray()) > 0.05, "mottled samples collapsed to one image");
    }

    [Fact]
    public void The_evaluation_sees_the_intended_classes_in_a_working_generator_and_flags_a_classifier_that_disagrees()
    {
        var train = Patterns.Make(perClass: 16, size: 16, seed: 1, noise: 0.1);
        var real = Patterns.Make(perClass: 20, size: 16, seed: 2, noise: 0.1);
        using var gan = new ImageGanTrainer(Small(epochs: 60)).Fit(train);
        var classifierOptions = new ImageClassifierOptions { Widths = [4, 8], Training = Fast.Trainer(epochs: 15, batchSize: 16, learningRate: 1e-2) };
        using var classifier = new ImageClassifierTrainer(classifierOptions).Fit(train);
        var swapped = new Core.Learning.LabelledSet<ImageSet>(train.Inputs, new Core.Learning.TargetMatrix(Patterns.Side, [.. train.Targets.Values.ToArray().Select(v => 1 - v)]), train.Samples);
        using var contrary = new ImageClassifierTrainer(classifierOptions).Fit(swapped);

        var evaluation = GanEvaluator.Evaluate(gan, classifier, real, perClass: 100, seed: 4);
        var flagged = GanEvaluator.Evaluate(gan, contrary, real, perClass: 100, seed: 4);

        Assert.Equal(1.0, evaluation.RealAgreement);
        Assert.True(evaluation.GeneratedAgreement >= 0.9, $"generated agreement {evaluation.GeneratedAgreement:P0}");
        Assert.True(evaluation.ShareDistance <= 0.15, $"share distance {evaluation.ShareDistance:F2}, predicted shares {string.Join(", ", evaluation.PredictedShares)}");
        Assert.Equal([0.5, 0.5], evaluation.TrainingShares);
        Assert.All(evaluation.Classes, c => Assert.True(c.GeneratedDiversity > 0 && c.RealDiversity > 0));
        Assert.True(flagged.GeneratedAgreement <= 0.1 && flagged.RealAgreement == 0, $"contrary classifier: generated {flagged.GeneratedAgreement:P0}, real {flagged.RealAgreement:P0}");
    }

    [Fact]
    public void Diversity_is_the_mean_pairwise_rms_distance_and_zero_for_a_collapsed_sample()
    {
        var images = ImageSet.FromArrays([[0f, 0f, 0f, 0f], [1f, 1f, 0f, 0f], [0f, 0f, 0f, 0f]], new ImageShape(1, 2, 2));

        // Pairs (0,1) and (1,2): RMS sqrt(2/4); pair (0,2): 0.
        Assert.Equal(2 * Math.Sqrt(0.5) / 3, GanEvaluator.Diversity(images, [0, 1, 2]), 12);
        Assert.Equal(0, GanEvaluator.Diversity(images, [0, 2]));
        Assert.True(double.IsNaN(GanEvaluator.Diversity(images, [1])));
    }

    [Fact]
    public void A_saved_gan_loads_and_generates_the_same_images_from_a_seed_without_touching_the_global_generator()
    {
        var train = Patterns.Make(perClass: 8, size: 16, seed: 2);
        using var gan = new ImageGanTrainer(Small(epochs: 2)).Fit(train);
        string folder = Fast.TemporaryDirectory();
        string path = Path.Combine(folder, "gan.galen-model");

        gan.Save(path);
        using var loaded = DeepModelArchive.Load<ImageGanModel>(path);
        manual_seed(9);
        var expected = rand(2).data<float>().ToArray();
        manual_seed(9);
        var first = gan.Generate([0, 1, 1], seed: 4);
        var again = loaded.Generate([0, 1, 1], seed: 4);
        var other = gan.Generate([0, 1, 1], seed: 5);

        Assert.Equal(expected, rand(2).data<float>().ToArray());
        Assert.Equal(first[2].ToArray(), again[2].ToArray());
        Assert.NotEqual(first[2].ToArray(), other[2].ToArray());
        Assert.Equal(gan.ClassShares, loaded.ClassShares);
        Assert.Equal(gan.Description, loaded.Description);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void A_gan_saved_in_the_version_2_layout_is_refused_naming_its_version()
    {
        // Version 2 GANs had transposed-convolution generators conditioned only at the input;
        // their weights do not fit today's layers, so loading says so instead of failing on a
        // missing weight.
        var train = Patterns.Make(perClass: 4, size: 16, seed: 2);
        using var gan = new ImageGanTrainer(Small(epochs: 1)).Fit(train);
        string folder = Fast.TemporaryDirectory();
        string path = Path.Combine(folder, "gan-v2.galen-model");
        gan.Save(path);
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry(DeepModelCodec.ConfigurationEntry)!;
            string json;
            using (var reader = new StreamReader(entry.Open()))
            {
                json = reader.ReadToEnd();
            }

            var document = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
            Assert.Equal(DeepModelDocument.CurrentVersion, (int)document["version"]!);
            document["version"] = 2;
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(DeepModelCodec.ConfigurationEntry).Open());
            writer.Write(document.ToJsonString());
        }

        var error = Assert.Throws<GalenConfigurationException>(() => DeepModelArchive.Load<ImageGanModel>(path));

        Assert.Contains("model format version 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("Retrain", error.Remedy, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Gan_training_resumed_after_cancellation_continues_with_the_same_losses()
    {
        var train = Patterns.Make(perClass: 24, size: 16, seed: 3);
        using var uninterrupted = new ImageGanTrainer(Small(epochs: 3)).Fit(train);
        string folder = Fast.TemporaryDirectory();
        using var cancel = new CancellationTokenSource();
        var progress = new Fast.InlineProgress(report =>
        {
            if (report.Completed >= 4)
            {
                cancel.Cancel();
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() => new ImageGanTrainer(Small(epochs: 3, folder)).Fit(train, progress, cancel.Token));
        using var resumed = new ImageGanTrainer(Small(epochs: 3, folder, resume: true)).Fit(train);

        Assert.Equal(4, resumed.Training!.ResumedAtStep);
        Assert.Equal(uninterrupted.Training!.StepLosses, resumed.Training.StepLosses);
        Assert.Equal(
            uninterrupted.Training.Epochs.Select(e => e.Training["generator"]),
            resumed.Training.Epochs.Select(e => e.Training["generator"]));
        Assert.Equal(uninterrupted.Generate(perClass: 2, seed: 1)[3].ToArray(), resumed.Generate(perClass: 2, seed: 1)[3].ToArray());
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void A_regression_target_cannot_condition_a_gan()
    {
        var set = Patterns.Make(perClass: 2, size: 16, seed: 4);
        var regression = set with { Targets = new Core.Learning.TargetMatrix(Core.Learning.LabelSchema.Regression("size", "size"), new float[4]) };

        var error = Assert.Throws<GalenConfigurationException>(() => new ImageGanTrainer(Small(1)).Fit(regression));

        Assert.Contains("needs one class per image", error.Message, StringComparison.Ordinal);
    }

    private static double Rms(float[] a, float[] b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Average());
}
