using Galen.Core.Progress;
using Galen.Core.Randomness;
using Galen.Data.Synthetic.Generation;

namespace Galen.Data.Synthetic.Imaging;

/// <summary>
/// Draws synthetic chest films (docs/synthetic-hospital.md#chest-films): a posteroanterior
/// view with body, lung fields, heart, spine, ribs and clavicles, a randomly positioned and
/// exposed patient, blur and noise, and a disease-dependent opacity whose mask and box are kept
/// as ground truth. Each film draws from its own streams, seeded from the options' seed and the
/// film's index, so films can be made in any order, in parallel, with identical pixels.
/// </summary>
public sealed class ChestFilmGenerator
{
    /// <summary>Version of the image model; changes whenever the same seed would give different films.</summary>
    public const int ModelVersion = 1;

    private readonly int _findingSeed;
    private readonly int _filmSeed;

    public ChestFilmGenerator(ChestFilmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _findingSeed = Seeds.Derive(options.Seed, "synth.images.finding");
        _filmSeed = Seeds.Derive(options.Seed, "synth.images.film");
    }

    public ChestFilmOptions Options { get; }

    /// <summary>The finding of film <paramref name="index"/>, drawn with the options' fractions.</summary>
    public ChestFilmFinding FindingOf(int index)
    {
        double u = new Random(PatientGenerator.Mix(_findingSeed, index)).NextDouble();
        return u < Options.PneumoniaFraction ? ChestFilmFinding.Pneumonia
            : u < Options.PneumoniaFraction + Options.OedemaFraction ? ChestFilmFinding.Oedema
            : ChestFilmFinding.Normal;
    }

    /// <summary>Film <paramref name="index"/> with its drawn finding.</summary>
    public ChestFilm Film(int index) => Film(index, FindingOf(index));

    /// <summary>
    /// Film <paramref name="index"/> showing <paramref name="finding"/>. The patient (anatomy,
    /// position, exposure and noise) depends on the index only, so the same index with two
    /// findings gives the same patient with and without disease.
    /// </summary>
    public ChestFilm Film(int index, ChestFilmFinding finding)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var rng = new Random(PatientGenerator.Mix(_filmSeed, index));
        var scene = ChestScene.Draw(rng, finding);
        return scene.Render(index, Options.Size, rng);
    }

    /// <summary>Films 0 … <see cref="ChestFilmOptions.Count"/> − 1, made in parallel, in index order.</summary>
    /// <param name="progress">Reports "films" done out of the total.</param>
    /// <param name="cancellationToken">Stops between films.</param>
    public ChestFilm[] Generate(IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var films = new ChestFilm[Options.Count];
        int done = 0;
        const int Chunk = 256;
        progress?.Report(new WorkProgress("films", 0, Options.Count));
        for (int start = 0; start < Options.Count; start += Chunk)
        {
            int end = Math.Min(Options.Count, start + Chunk);
            Parallel.For(start, end, new ParallelOptions { CancellationToken = cancellationToken }, i => films[i] = Film(i));
            done = end;
            progress?.Report(new WorkProgress("films", done, Options.Count));
        }

        return films;
    }
}
