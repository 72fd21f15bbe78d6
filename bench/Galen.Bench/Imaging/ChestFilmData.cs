using Galen.Core.Learning;
using Galen.Data.Synthetic.Imaging;
using Galen.Deep.Imaging;

namespace Galen.Bench.Imaging;

/// <summary>Synthetic chest films as a labelled image set, with their ground truth.</summary>
internal sealed record ChestFilmData(LabelledSet<ImageSet> Set, IReadOnlyList<ChestFilm> Films)
{
    public static readonly LabelSchema Finding = new("finding", LabelKind.Multiclass, ChestFilmFindings.Names, "finding on the chest film");

    /// <summary>Films <paramref name="first"/> … first + count − 1 of the series with this seed and size.</summary>
    public static ChestFilmData Generate(int count, int seed, int size = 64, int first = 0)
    {
        var generator = new ChestFilmGenerator(new ChestFilmOptions { Count = first + count, Seed = seed, Size = size });
        var films = new ChestFilm[count];
        Parallel.For(0, count, i => films[i] = generator.Film(first + i));
        var images = ImageSet.FromArrays(films.Select(f => f.Pixels).ToArray(), ImageShape.Square(size));
        var targets = new TargetMatrix(Finding, films.Select(f => (float)(int)f.Finding).ToArray());
        var samples = films.Select(f => new SampleInfo($"film-{f.Index}", $"film-{f.Index}", null, new Dictionary<string, string>())).ToArray();
        return new ChestFilmData(new LabelledSet<ImageSet>(images, targets, samples), films);
    }
}
