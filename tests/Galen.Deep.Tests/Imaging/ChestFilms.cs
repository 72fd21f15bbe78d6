using Galen.Core.Learning;
using Galen.Data.Synthetic.Imaging;
using Galen.Deep.Imaging;

namespace Galen.Deep.Tests.Imaging;

/// <summary>Small synthetic chest films as labelled image sets.</summary>
internal static class ChestFilms
{
    public static readonly LabelSchema Finding = new("finding", LabelKind.Multiclass, ChestFilmFindings.Names, "finding on the chest film");

    public static readonly LabelSchema Pneumonia = LabelSchema.Binary("pneumonia", "pneumonia on the chest film");

    /// <summary>Films with all three findings, labelled by finding.</summary>
    public static (LabelledSet<ImageSet> Set, ChestFilm[] Films) Findings(int count, int seed, int size = 32) =>
        Make(new ChestFilmOptions { Count = count, Seed = seed, Size = size }, film => (float)(int)film.Finding, Finding);

    /// <summary>Half pneumonia, half normal films, labelled pneumonia yes/no; at small sizes lesions are drawn with more contrast.</summary>
    public static (LabelledSet<ImageSet> Set, ChestFilm[] Films) PneumoniaOrNormal(int count, int seed, int size = 32, double contrastScale = 1) =>
        Make(new ChestFilmOptions { Count = count, Seed = seed, Size = size, PneumoniaFraction = 0.5, OedemaFraction = 0, LesionContrastScale = contrastScale }, film => film.Finding == ChestFilmFinding.Pneumonia ? 1f : 0f, Pneumonia);

    public static IReadOnlyList<SampleInfo> Infos(int count) =>
        Enumerable.Range(0, count).Select(i => new SampleInfo($"p{i}", $"s{i}", null, new Dictionary<string, string>())).ToArray();

    private static (LabelledSet<ImageSet>, ChestFilm[]) Make(ChestFilmOptions options, Func<ChestFilm, float> label, LabelSchema schema)
    {
        var films = new ChestFilmGenerator(options).Generate();
        var images = ImageSet.FromArrays(films.Select(f => f.Pixels).ToArray(), ImageShape.Square(options.Size));
        return (new LabelledSet<ImageSet>(images, new TargetMatrix(schema, films.Select(label).ToArray()), Infos(films.Length)), films);
    }
}
