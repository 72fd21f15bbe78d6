using Galen.Core.Errors;

namespace Galen.Deep.Imaging.Transforms;

/// <summary>
/// Standardises each channel: (value − mean) / sd, with one mean and sd per channel (or one
/// for all). Image classifiers learn these from their training images.
/// </summary>
public sealed record NormalizeIntensity : ImageTransform
{
    public required IReadOnlyList<double> Mean { get; init; }

    public required IReadOnlyList<double> Sd { get; init; }

    public override void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, ReadOnlySpan<double> draws)
    {
        for (int c = 0; c < shape.Channels; c++)
        {
            float mean = (float)Mean[Mean.Count == 1 ? 0 : c];
            float scale = (float)(1 / Sd[Sd.Count == 1 ? 0 : c]);
            var from = source.Slice(c * shape.Plane, shape.Plane);
            var to = destination.Slice(c * shape.Plane, shape.Plane);
            for (int i = 0; i < from.Length; i++)
            {
                to[i] = (from[i] - mean) * scale;
            }
        }
    }

    public override ImageShape OutputShape(ImageShape input)
    {
        if ((Mean.Count != 1 && Mean.Count != input.Channels) || (Sd.Count != 1 && Sd.Count != input.Channels))
        {
            throw new GalenConfigurationException($"Normalisation has {Mean.Count} means and {Sd.Count} standard deviations for images with {input.Channels} channels.");
        }

        return input;
    }

    public override void Validate()
    {
        ArgumentNullException.ThrowIfNull(Mean);
        ArgumentNullException.ThrowIfNull(Sd);
        if (Mean.Count == 0 || Sd.Count == 0 || Sd.Any(s => !(s > 0) || !double.IsFinite(s)) || Mean.Any(m => !double.IsFinite(m)))
        {
            throw new GalenConfigurationException("Normalisation needs finite means and positive standard deviations.");
        }
    }
}
