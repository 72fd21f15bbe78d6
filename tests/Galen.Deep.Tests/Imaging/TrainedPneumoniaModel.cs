using Galen.Core.Learning;
using Galen.Data.Synthetic.Imaging;
using Galen.Deep.Imaging;
using Galen.Deep.Imaging.Transforms;
using Galen.Deep.Models.Imaging;
using Galen.Deep.Tests.Fixtures;

namespace Galen.Deep.Tests.Imaging;

/// <summary>
/// One small ResNet trained once for the tests that need a trained classifier: pneumonia versus
/// normal on 32×32 synthetic films, with held-out films and their drawn lesions.
/// </summary>
public sealed class TrainedPneumoniaModel : IDisposable
{
    public const int Size = 32;

    /// <summary>At 32 pixels a lesion covers a few pixels; doubled contrast keeps the faintest ones visible.</summary>
    public const double ContrastScale = 2;

    public TrainedPneumoniaModel()
    {
        (Train, _) = ChestFilms.PneumoniaOrNormal(480, seed: 1, Size, ContrastScale);
        (Test, TestFilms) = ChestFilms.PneumoniaOrNormal(200, seed: 2, Size, ContrastScale);
        Options = new ImageClassifierOptions
        {
            Widths = [8, 16, 32],
            StemStride = 1,
            Augmentation = [new Rotate { MaxDegrees = 5, Probability = 0.5 }, new ScaleIntensity { MinFactor = 0.95, MaxFactor = 1.05 }],
            Training = Fast.Trainer(epochs: 8, batchSize: 32, learningRate: 3e-3, seed: 5),
        };
        Model = new ImageClassifierTrainer(Options).Fit(Train);
    }

    public ImageClassifierOptions Options { get; }

    public LabelledSet<ImageSet> Train { get; }

    public LabelledSet<ImageSet> Test { get; }

    public IReadOnlyList<ChestFilm> TestFilms { get; }

    public ImageClassifierModel Model { get; }

    public void Dispose() => Model.Dispose();
}
