using Galen.Core.Errors;

namespace Galen.Cli.Demo;

/// <summary>
/// How much imaging work <see cref="ImagingStage"/> does. The defaults keep the stage to about a
/// minute on two cores; the bench harnesses <c>image-quality</c> and <c>image-gan</c> run the
/// full-size versions.
/// </summary>
public sealed record ImagingDemoSettings
{
    /// <summary>Synthetic chest films generated; three quarters train, the rest are held out.</summary>
    public int Films { get; init; } = 900;

    /// <summary>Width and height of each film in pixels (a DCGAN size: 16, 32, 64, …).</summary>
    public int Size { get; init; } = 32;

    /// <summary>Lesion contrast multiplier; at 32 pixels doubled contrast keeps the faintest lesions visible.</summary>
    public double LesionContrastScale { get; init; } = 2;

    /// <summary>Channels of each ResNet stage.</summary>
    public IReadOnlyList<int> Widths { get; init; } = [8, 16, 32];

    /// <summary>Training epochs of the classifier.</summary>
    public int ClassifierEpochs { get; init; } = 10;

    /// <summary>Training epochs of the conditional DCGAN.</summary>
    public int GanEpochs { get; init; } = 20;

    /// <summary>Feature maps of the DCGAN's generator and discriminator.</summary>
    public int GanWidth { get; init; } = 16;

    /// <summary>Held-out films shown with their Grad-CAM overlays.</summary>
    public int SaliencyFilms { get; init; } = 12;

    /// <summary>Samples per finding in the GAN grid and its evaluation.</summary>
    public int GanSamplesPerFinding { get; init; } = 40;

    /// <summary>Throws a <see cref="GalenConfigurationException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Widths);
        Require(Films >= 20, $"The imaging demo needs at least 20 films (got {Films}).");
        Require(ClassifierEpochs >= 1 && GanEpochs >= 1, $"The imaging demo needs at least one epoch per model (got {ClassifierEpochs} and {GanEpochs}).");
        Require(SaliencyFilms >= 1, $"The imaging demo shows at least one Grad-CAM overlay (got {SaliencyFilms}).");
        Require(GanSamplesPerFinding >= 2, $"The GAN evaluation needs at least 2 samples per finding (got {GanSamplesPerFinding}).");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new GalenConfigurationException(message);
        }
    }

    /// <summary>Epochs of the full-size GAN run (<c>image-gan</c>).</summary>
    public const int FullGanEpochs = 25;

    /// <summary>Training films of the full-size GAN run; fewer film passes than its epochs × films is called short-trained.</summary>
    public const int FullGanFilms = 4000;
}
