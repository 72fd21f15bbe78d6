using Galen.Core.Progress;
using Galen.Core.Randomness;
using Galen.Text.Corpus.Training;

namespace Galen.Text.Deid.Learning;

/// <summary>The learned layer Galen uses by default: trained on the training corpus only, from a seed.</summary>
public static class DeidModels
{
    /// <summary>Training notes in the default model.</summary>
    public const int DefaultTrainingNotes = 1500;

    /// <summary>Trains the default learned layer (a few seconds); the same seed gives the same model.</summary>
    public static LearnedPhiDetector TrainDefault(
        int seed = Seeds.Default,
        int notes = DefaultTrainingNotes,
        IProgress<WorkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        progress?.Report(new WorkProgress("training corpus", 0, notes));
        var corpus = new TrainingNoteGenerator(seed).Generate(notes);
        progress?.Report(new WorkProgress("training corpus", notes, notes));
        return new LearnedPhiTrainer(new LearnedPhiOptions(Seed: seed)).Fit(corpus, progress, cancellationToken);
    }
}
