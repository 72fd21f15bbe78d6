using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Deep.Imaging;
using Galen.Deep.Imaging.Transforms;
using Galen.Deep.Models;
using Galen.Deep.Models.Imaging;
using Galen.Deep.Persistence;
using Galen.Deep.Tests.Fixtures;
using Galen.Deep.Training;
using Galen.Evaluation.Metrics;
using static TorchSharp.torch;

namespace Galen.Deep.Tests.Imaging;

public sealed class ImageClassifierTests(TrainedPneumoniaModel trained) : IClassFixture<TrainedPneumoniaModel>
{
    [Fact]
    public void It_learns_to_find_pneumonia_on_held_out_films_where_the_prevalence_baseline_cannot()
    {
        var predicted = trained.Model.Predict(trained.Test.Inputs).Values;

        double auroc = BinaryRanking.Auroc(trained.Test.Targets.AsBinary(), predicted);

        Assert.True(auroc > 0.9, $"held-out AUROC {auroc:F3}");
    }

    [Fact]
    public void A_saved_classifier_loads_with_identical_predictions_and_saliency_maps()
    {
        string folder = Fast.TemporaryDirectory();
        string path = Path.Combine(folder, "cnn.galen-model");

        trained.Model.Save(path);
        using var loaded = DeepModelArchive.Load<ImageClassifierModel>(path);

        Assert.Equal(trained.Model.Predict(trained.Test.Inputs).Values.ToArray(), loaded.Predict(trained.Test.Inputs).Values.ToArray());
        Assert.Equal(trained.Model.Saliency(trained.Test.Inputs.Select([0, 1]))[1].Values, loaded.Saliency(trained.Test.Inputs.Select([0, 1]))[1].Values);
        Assert.Equal(trained.Model.Encoding.Mean, loaded.Encoding.Mean);
        Assert.Equal(trained.Options.Augmentation, loaded.Options.Augmentation);
        Assert.Equal(trained.Model.Description, loaded.Description);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Images_of_another_size_are_refused_with_both_shapes()
    {
        var larger = ImageSet.FromArrays([new float[48 * 48]], ImageShape.Square(48));

        var error = Assert.Throws<GalenInputException>(() => trained.Model.Predict(larger));

        Assert.Contains("takes images of 1×32×32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void It_overfits_a_tiny_batch_of_noise_with_random_labels()
    {
        var random = new Random(3);
        var images = ImageSet.FromArrays(Enumerable.Range(0, 12).Select(_ => Enumerable.Range(0, 256).Select(_ => (float)random.NextDouble()).ToArray()).ToArray(), ImageShape.Square(16));
        var schema = new LabelSchema("noise", LabelKind.Multiclass, ["a", "b", "c"], "random class");
        var labels = Enumerable.Range(0, 12).Select(i => (float)(i % 3)).ToArray();
        var tiny = new LabelledSet<ImageSet>(images, new TargetMatrix(schema, labels), ChestFilms.Infos(12));
        var options = new ImageClassifierOptions { Widths = [8, 16], Training = Fast.Trainer(epochs: 60, batchSize: 12, learningRate: 1e-2) };

        using var model = new ImageClassifierTrainer(options).Fit(tiny);

        Assert.True(model.Training!.Epochs[^1].Training[MonitoredMetrics.Loss] < 0.05, $"final loss {model.Training.Epochs[^1].Training[MonitoredMetrics.Loss]:F4}");
        Assert.Equal(labels.Select(l => (int)l), GanEvaluator.PredictedClasses(model, images));
    }

    [Fact]
    public void Gradients_reach_every_parameter()
    {
        manual_seed(4);
        using var network = new ImageClassifierOptions { Widths = [4, 8, 8], BlocksPerStage = 2 }.CreateNetwork(channels: 1, outputs: 3);
        using var scope = NewDisposeScope();

        Assert.Empty(Gradients.Dead(network, network.call(randn(4, 1, 16, 16)).pow(2).mean()));
    }

    [Fact]
    public void The_network_names_the_layer_and_both_shapes_on_a_channel_mismatch()
    {
        using var network = new ImageClassifierOptions().CreateNetwork(channels: 1, outputs: 1);
        using var scope = NewDisposeScope();

        var error = Assert.Throws<ShapeMismatchException>(() => network.call(zeros(2, 3, 16, 16)));

        Assert.Contains("Layer 'ImageResNet input' expects a tensor of shape [batch, 1, height, width] but got [2, 3, 16, 16]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Training_with_augmentation_resumed_after_cancellation_continues_with_the_same_losses()
    {
        var (train, _) = ChestFilms.Findings(96, seed: 6, size: 16);
        var options = new ImageClassifierOptions
        {
            Widths = [4, 8],
            Augmentation = [new Rotate { MaxDegrees = 10 }, new RandomResizedCrop { Height = 16, Width = 16 }, new GaussianNoise { Sd = 0.02 }],
            Training = Fast.Trainer(epochs: 2, batchSize: 16),
        };
        using var uninterrupted = new ImageClassifierTrainer(options).Fit(train);
        string folder = Fast.TemporaryDirectory();
        var checkpointed = options with { Training = options.Training with { CheckpointDirectory = folder, ProgressInterval = TimeSpan.Zero } };
        using var cancel = new CancellationTokenSource();
        var progress = new Fast.InlineProgress(report =>
        {
            if (report.Completed >= 8)
            {
                cancel.Cancel();
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() => new ImageClassifierTrainer(checkpointed).Fit(train, null, progress, cancel.Token));
        using var resumed = new ImageClassifierTrainer(checkpointed with { Training = checkpointed.Training with { Resume = true } }).Fit(train);

        Assert.Equal(8, resumed.Training!.ResumedAtStep);
        Assert.Equal(uninterrupted.Training!.StepLosses, resumed.Training.StepLosses);
        Assert.Equal(uninterrupted.Predict(train.Inputs).Values.ToArray(), resumed.Predict(train.Inputs).Values.ToArray());
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void The_catalog_makes_a_cnn_for_images_and_refuses_it_for_other_samples()
    {
        var trainer = DeepModelCatalog.Create<ImageSet>("cnn", new DeepModelSettings());
        var error = Assert.Throws<GalenConfigurationException>(() => DeepModelCatalog.Create<FeatureMatrix>("cnn", new DeepModelSettings()));

        Assert.IsType<ImageClassifierTrainer>(trainer);
        Assert.Contains("Model 'cnn' reads images (ImageSet), not FeatureMatrix", error.Message, StringComparison.Ordinal);
    }
}
