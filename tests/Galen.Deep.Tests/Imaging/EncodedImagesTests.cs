using Galen.Core.Errors;
using Galen.Deep.Imaging;
using Galen.Deep.Imaging.Transforms;
using Galen.Deep.Runtime;
using static TorchSharp.torch;

namespace Galen.Deep.Tests.Imaging;

public sealed class EncodedImagesTests
{
    private static readonly ImageShape Shape = new(1, 8, 8);

    private static ImageSet Images(int count) =>
        ImageSet.FromArrays(Enumerable.Range(0, count).Select(n => Enumerable.Range(0, 64).Select(i => ((i * (n + 1)) % 17) / 16f).ToArray()).ToArray(), Shape);

    [Fact]
    public void Batches_are_standardised_with_the_training_images_statistics()
    {
        TorchRuntime.EnsureLoaded();
        var train = Images(6);
        var encoding = ImageEncoding.Fit(train);
        var (mean, sd) = train.ChannelStatistics();

        using var scope = NewDisposeScope();
        var batch = encoding.Encode(train, "images").Batch([2, 0], CPU);

        Assert.Equal([2L, 1L, 8L, 8L], batch.shape);
        Assert.Equal((train[2][5] - mean[0]) / sd[0], batch[0, 0, 0, 5].item<float>(), 5);
    }

    [Fact]
    public void Augmented_batches_draw_from_libtorchs_generator_so_the_same_generator_state_gives_the_same_batch()
    {
        TorchRuntime.EnsureLoaded();
        var images = Images(4);
        var augmentation = new TransformChain([new Rotate { MaxDegrees = 20 }, new ScaleIntensity(), new GaussianNoise { Sd = 0.05 }]);
        var source = ImageEncoding.Fit(images).Encode(images, "images", augmentation);
        using var scope = NewDisposeScope();

        manual_seed(11);
        var first = source.Batch([0, 1, 2, 3], CPU).data<float>().ToArray();
        var next = source.Batch([0, 1, 2, 3], CPU).data<float>().ToArray();
        manual_seed(11);
        var again = source.Batch([0, 1, 2, 3], CPU).data<float>().ToArray();

        Assert.Equal(first, again);
        Assert.NotEqual(first, next);
    }

    [Fact]
    public void Batches_without_augmentation_draw_nothing_from_the_generator()
    {
        TorchRuntime.EnsureLoaded();
        var images = Images(3);
        var source = ImageEncoding.Fit(images).Encode(images, "images");
        using var scope = NewDisposeScope();
        manual_seed(5);
        var expected = rand(3).data<float>().ToArray();

        manual_seed(5);
        source.Batch([0, 1, 2], CPU);

        Assert.Equal(expected, rand(3).data<float>().ToArray());
    }

    [Fact]
    public void Images_of_another_shape_are_refused_naming_both_shapes()
    {
        var encoding = ImageEncoding.Fit(Images(2));
        var other = ImageSet.FromArrays([new float[36]], new ImageShape(1, 6, 6));

        var error = Assert.Throws<GalenInputException>(() => encoding.Encode(other, "test images"));

        Assert.Contains("takes images of 1×8×8 (channels × height × width) but these are 1×6×6", error.Message, StringComparison.Ordinal);
        Assert.Equal("test images", error.Location!.Source);
    }

    [Fact]
    public void An_augmentation_that_changes_the_input_shape_is_a_configuration_error()
    {
        var images = Images(2);

        var error = Assert.Throws<GalenConfigurationException>(() =>
            ImageEncoding.Fit(images).Encode(images, "images", new TransformChain([new RandomCrop { Height = 6, Width = 6 }])));

        Assert.Contains("must keep the model's input shape", error.Message, StringComparison.Ordinal);
    }
}
