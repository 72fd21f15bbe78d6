using System.Text.Json;
using Galen.Core.Errors;
using Galen.Deep.Imaging;
using Galen.Deep.Imaging.Transforms;

namespace Galen.Deep.Tests.Imaging;

public sealed class TransformTests
{
    // bench/peers/imaging_golden.py: PyTorch 1.13 interpolate(bilinear, align_corners=False).
    private static readonly float[] Source = [0.0000000f, 0.0526316f, 0.1052632f, 0.1578947f, 0.2105263f, 0.2631579f, 0.3157895f, 1.5000000f, 0.4210526f, 0.4736842f, 0.5263158f, 0.5789474f, 0.6315789f, 0.6842105f, 0.7368421f, 0.7894737f, 0.8421053f, 0.8947368f, 0.9473684f, 1.0000000f];
    private static readonly float[] To3x7 = [0.0438597f, 0.0739348f, 0.1654136f, 0.3377193f, 0.2406015f, 0.2243108f, 0.2543860f, 0.3947369f, 0.4248120f, 0.6240602f, 1.0657893f, 0.6992481f, 0.5751880f, 0.6052632f, 0.7456141f, 0.7756892f, 0.8132833f, 0.8508772f, 0.8884712f, 0.9260652f, 0.9561404f];
    private static readonly float[] To2x2 = [0.1710526f, 0.3026316f, 0.6973684f, 0.8289474f];
    private static readonly float[] To8x10 = [0.0000000f, 0.0131579f, 0.0394737f, 0.0657895f, 0.0921053f, 0.1184210f, 0.1447368f, 0.1710526f, 0.1973684f, 0.2105263f, 0.0657895f, 0.0789474f, 0.1052632f, 0.2023026f, 0.3700658f, 0.3963816f, 0.2812500f, 0.2368421f, 0.2631579f, 0.2763158f, 0.1973684f, 0.2105263f, 0.2368421f, 0.4753290f, 0.9259868f, 0.9523026f, 0.5542763f, 0.3684210f, 0.3947369f, 0.4078947f, 0.3289474f, 0.3421053f, 0.3684210f, 0.6069079f, 1.0575658f, 1.0838816f, 0.6858553f, 0.5000000f, 0.5263158f, 0.5394737f, 0.4605263f, 0.4736842f, 0.5000000f, 0.5970395f, 0.7648026f, 0.7911184f, 0.6759868f, 0.6315790f, 0.6578947f, 0.6710526f, 0.5921053f, 0.6052632f, 0.6315789f, 0.6578947f, 0.6842105f, 0.7105263f, 0.7368421f, 0.7631579f, 0.7894737f, 0.8026316f, 0.7236843f, 0.7368422f, 0.7631579f, 0.7894737f, 0.8157895f, 0.8421053f, 0.8684211f, 0.8947369f, 0.9210526f, 0.9342105f, 0.7894737f, 0.8026316f, 0.8289474f, 0.8552632f, 0.8815789f, 0.9078947f, 0.9342105f, 0.9605263f, 0.9868421f, 1.0000000f];

    private static readonly ImageShape Shape = new(1, 4, 5);

    [Theory]
    [InlineData(3, 7)]
    [InlineData(2, 2)]
    [InlineData(8, 10)]
    public void Resize_matches_pytorch_bilinear_interpolation(int height, int width)
    {
        var expected = (height, width) switch { (3, 7) => To3x7, (2, 2) => To2x2, _ => To8x10 };

        var output = Run(new Resize { Height = height, Width = width }, Source, Shape);

        Assert.Equal(expected.Length, output.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], output[i], 5);
        }
    }

    [Fact]
    public void A_horizontal_flip_mirrors_columns_and_a_vertical_flip_mirrors_rows_when_drawn()
    {
        var horizontal = Run(new Flip { Axis = FlipAxis.Horizontal, Probability = 0.5 }, Source, Shape, 0.2);
        var vertical = Run(new Flip { Axis = FlipAxis.Vertical, Probability = 0.5 }, Source, Shape, 0.2);
        var notDrawn = Run(new Flip { Probability = 0.5 }, Source, Shape, 0.7);

        Assert.Equal(Source[4], horizontal[0]);
        Assert.Equal(Source[7], horizontal[(1 * 5) + 2]);
        Assert.Equal(Source[(3 * 5) + 1], vertical[1]);
        Assert.Equal(Source, notDrawn);
    }

    [Fact]
    public void A_quarter_turn_moves_each_pixel_exactly_and_takes_its_angle_from_the_second_draw()
    {
        var square = Enumerable.Range(0, 25).Select(v => (float)v).ToArray();
        var shape = new ImageShape(1, 5, 5);

        // Draw 1.0 → +MaxDegrees: counter-clockwise as displayed, so the right column becomes the top row.
        var turned = Run(new Rotate { MaxDegrees = 90 }, square, shape, 0.0, 1.0);

        for (int y = 0; y < 5; y++)
        {
            for (int x = 0; x < 5; x++)
            {
                Assert.Equal(square[(x * 5) + (4 - y)], turned[(y * 5) + x], 4);
            }
        }
    }

    [Fact]
    public void Rotation_fills_corners_from_outside_the_image_with_the_fill_value()
    {
        var ones = Enumerable.Repeat(1f, 100).ToArray();

        var turned = Run(new Rotate { MaxDegrees = 45, Fill = 0f }, ones, new ImageShape(1, 10, 10), 0.0, 1.0);

        Assert.Equal(0f, turned[0]);
        Assert.Equal(1f, turned[(5 * 10) + 5], 5);
    }

    [Fact]
    public void A_random_crop_takes_its_corner_from_the_draws()
    {
        var crop = Run(new RandomCrop { Height = 2, Width = 3 }, Source, Shape, 0.99, 0.0);

        Assert.Equal([Source[10], Source[11], Source[12], Source[15], Source[16], Source[17]], crop);
    }

    [Fact]
    public void A_random_resized_crop_of_the_whole_image_to_its_own_size_is_the_image()
    {
        var whole = new RandomResizedCrop { Height = 4, Width = 5, MinScale = 1, MaxScale = 1, MinRatio = 1.25, MaxRatio = 1.25 };

        var output = Run(whole, Source, Shape, 0.3, 0.5, 0.1, 0.9);

        for (int i = 0; i < Source.Length; i++)
        {
            Assert.Equal(Source[i], output[i], 5);
        }
    }

    [Fact]
    public void Intensity_transforms_scale_shift_and_standardise_values()
    {
        var scaled = Run(new ScaleIntensity { MinFactor = 0.5, MaxFactor = 1.5 }, Source, Shape, 0.75);
        var shifted = Run(new ShiftIntensity { MaxOffset = 0.2 }, Source, Shape, 1.0);
        var normalised = Run(new NormalizeIntensity { Mean = [0.5], Sd = [0.25] }, Source, Shape);

        Assert.Equal(Source[3] * 1.25f, scaled[3], 6);
        Assert.Equal(Source[3] + 0.2f, shifted[3], 6);
        Assert.Equal((Source[3] - 0.5f) / 0.25f, normalised[3], 5);
    }

    [Fact]
    public void Gaussian_noise_has_the_set_spread_and_repeats_for_the_same_draws()
    {
        var flat = new float[64 * 64];
        var shape = new ImageShape(1, 64, 64);
        var noise = new GaussianNoise { Sd = 0.1 };

        var first = Run(noise, flat, shape, 0.0, 0.123);
        var again = Run(noise, flat, shape, 0.0, 0.123);
        var other = Run(noise, flat, shape, 0.0, 0.456);

        double mean = first.Average(v => (double)v);
        double sd = Math.Sqrt(first.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(sd, 0.095, 0.105);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void A_chain_gives_each_step_its_own_draws_and_the_same_seed_the_same_images()
    {
        var chain = new TransformChain([new Flip(), new ScaleIntensity(), new RandomResizedCrop { Height = 4, Width = 5 }, new GaussianNoise()]);
        var images = ImageSet.FromArrays([Source, Source.Reverse().ToArray()], Shape);

        var first = chain.Apply(images, seed: 3);
        var again = chain.Apply(images, seed: 3);
        var other = chain.Apply(images, seed: 4);

        Assert.Equal(8, chain.Draws);
        Assert.Equal(first[1].ToArray(), again[1].ToArray());
        Assert.NotEqual(first[1].ToArray(), other[1].ToArray());
    }

    [Fact]
    public void A_chain_computes_its_output_shape_and_refuses_a_crop_that_does_not_fit()
    {
        var chain = new TransformChain([new CenterCrop { Height = 3, Width = 3 }, new Resize { Height = 8, Width = 8 }]);

        Assert.Equal(new ImageShape(1, 8, 8), chain.OutputShape(Shape));
        var error = Assert.Throws<GalenConfigurationException>(() => new TransformChain([new RandomCrop { Height = 6, Width = 2 }]).OutputShape(Shape));
        Assert.Contains("6×2 crop does not fit in 4×5 images", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    public void A_probability_outside_zero_to_one_is_a_configuration_error(double probability)
    {
        var error = Assert.Throws<GalenConfigurationException>(() => new TransformChain([new Flip { Probability = probability }]));

        Assert.Contains("probability of a flip must be in [0, 1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transforms_round_trip_through_json_by_name()
    {
        IReadOnlyList<ImageTransform> transforms = [new Rotate { MaxDegrees = 7 }, new RandomResizedCrop { Height = 64, Width = 64, MinScale = 0.9 }, new NormalizeIntensity { Mean = [0.4], Sd = [0.2] }];
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

        string json = JsonSerializer.Serialize(transforms, options);
        var back = JsonSerializer.Deserialize<IReadOnlyList<ImageTransform>>(json, options)!;

        Assert.Contains("\"transform\":\"random_resized_crop\"", json, StringComparison.Ordinal);
        Assert.Equal(transforms[0], back[0]);
        Assert.Equal(transforms[1], back[1]);
        Assert.Equal(((NormalizeIntensity)transforms[2]).Mean, ((NormalizeIntensity)back[2]).Mean);
    }

    private static float[] Run(ImageTransform transform, float[] source, ImageShape shape, params double[] draws)
    {
        transform.Validate();
        var output = new float[transform.OutputShape(shape).Values];
        transform.Apply(source, shape, output, draws);
        return output;
    }
}
