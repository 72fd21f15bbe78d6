using Galen.Core.Errors;

namespace Galen.Deep.Imaging.Transforms;

/// <summary>
/// Raises every value to a power log-uniform in [<see cref="MinGamma"/>, <see cref="MaxGamma"/>]
/// (a film's exposure curve); for values in [0, 1], negatives read as 0.
/// </summary>
public sealed record RandomGamma : ImageTransform
{
    public double MinGamma { get; init; } = 0.8;

    public double MaxGamma { get; init; } = 1.25;

    public override int Draws => 1;

    public override void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, ReadOnlySpan<double> draws)
    {
        double gamma = Math.Exp(Math.Log(MinGamma) + (draws[0] * (Math.Log(MaxGamma) - Math.Log(MinGamma))));
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = (float)Math.Pow(Math.Max(0f, source[i]), gamma);
        }
    }

    public override void Validate()
    {
        if (!(MinGamma > 0 && MinGamma <= MaxGamma && double.IsFinite(MaxGamma)))
        {
            throw new GalenConfigurationException($"A random gamma needs 0 < minimum ≤ maximum (got {MinGamma} and {MaxGamma}).");
        }
    }
}
