using System.Buffers;
using Galen.Core.Randomness;

namespace Galen.Deep.Imaging.Transforms;

/// <summary>
/// Transforms applied one after another (MONAI's Compose): the output shape and the draws per
/// image are those of the steps together, each step reading its own slice of the draws.
/// </summary>
public sealed class TransformChain
{
    public TransformChain(IReadOnlyList<ImageTransform> transforms)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        foreach (var transform in transforms)
        {
            ArgumentNullException.ThrowIfNull(transform);
            transform.Validate();
        }

        Transforms = [.. transforms];
        Draws = Transforms.Sum(t => t.Draws);
    }

    /// <summary>The steps, first to last.</summary>
    public IReadOnlyList<ImageTransform> Transforms { get; }

    /// <summary>Uniform numbers consumed per image.</summary>
    public int Draws { get; }

    /// <summary>True when there are no steps.</summary>
    public bool IsEmpty => Transforms.Count == 0;

    /// <summary>The shape an image of <paramref name="input"/> ends with; throws when a step cannot take its input.</summary>
    public ImageShape OutputShape(ImageShape input)
    {
        var shape = input;
        foreach (var transform in Transforms)
        {
            shape = transform.OutputShape(shape);
        }

        return shape;
    }

    /// <summary>Applies every step to one image with <see cref="Draws"/> uniforms.</summary>
    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, ReadOnlySpan<double> draws)
    {
        if (Transforms.Count == 0)
        {
            source.CopyTo(destination);
            return;
        }

        int largest = shape.Values;
        var current = shape;
        foreach (var transform in Transforms)
        {
            current = transform.OutputShape(current);
            largest = Math.Max(largest, current.Values);
        }

        var first = ArrayPool<float>.Shared.Rent(largest);
        var second = ArrayPool<float>.Shared.Rent(largest);
        try
        {
            current = shape;
            ReadOnlySpan<float> input = source;
            int used = 0;
            for (int k = 0; k < Transforms.Count; k++)
            {
                var transform = Transforms[k];
                var output = transform.OutputShape(current);
                Span<float> target = k == Transforms.Count - 1 ? destination : (k % 2 == 0 ? first : second).AsSpan(0, output.Values);
                transform.Apply(input, current, target, draws.Slice(used, transform.Draws));
                used += transform.Draws;
                input = target;
                current = output;
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(first);
            ArrayPool<float>.Shared.Return(second);
        }
    }

    /// <summary>
    /// The transformed images, drawing each image's uniforms in order from the stream
    /// <c>images.transforms</c> of <paramref name="seed"/>: the same seed gives the same images.
    /// </summary>
    public ImageSet Apply(ImageSet images, int seed)
    {
        ArgumentNullException.ThrowIfNull(images);
        var random = Seeds.Stream(seed, "images.transforms");
        var output = OutputShape(images.Shape);
        var draws = new double[Draws];
        var result = new float[images.Count][];
        for (int i = 0; i < images.Count; i++)
        {
            for (int d = 0; d < draws.Length; d++)
            {
                draws[d] = random.NextDouble();
            }

            result[i] = new float[output.Values];
            Apply(images[i], images.Shape, result[i], draws);
        }

        return ImageSet.FromArrays(result, output);
    }
}
