using Galen.Core.Privacy;
using Galen.Core.Progress;
using Galen.Core.Randomness;
using Galen.Text.Corpus;
using Galen.Text.Deid.Lexicons;
using Galen.Text.Tokens;

namespace Galen.Text.Deid.Learning;

/// <summary>Settings of the learned layer's training.</summary>
/// <param name="Epochs">Passes over the training notes.</param>
/// <param name="Bits">log2 of the hashed feature buckets.</param>
/// <param name="RecallBias">Margin by which a PHI label may trail "not PHI" and still win.</param>
/// <param name="Seed">Seed for the order of notes in each epoch.</param>
public sealed record LearnedPhiOptions(int Epochs = 6, int Bits = 18, float RecallBias = 1f, int Seed = Seeds.Default);

/// <summary>Trains the learned layer on annotated notes (the training corpus, never the held-apart one).</summary>
public sealed class LearnedPhiTrainer(LearnedPhiOptions options)
{
    public LearnedPhiTrainer()
        : this(new LearnedPhiOptions())
    {
    }

    public LearnedPhiDetector Fit(
        IReadOnlyList<AnnotatedNote> notes,
        IProgress<WorkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notes);
        var lexicon = PhiLexicon.Default;
        var featurizer = new TokenFeaturizer(lexicon, options.Bits);
        var model = new AveragedPerceptron(featurizer.Buckets, LearnedPhiDetector.Labels);
        var prepared = notes.Select(note => (note.Text, Tokens: Tokenizer.Tokenize(note.Text), Gold: GoldLabels(note))).ToArray();
        var order = Enumerable.Range(0, prepared.Length).ToArray();
        var rng = Seeds.Stream(options.Seed, "deid.learned.order");
        Span<int> features = stackalloc int[TokenFeaturizer.MaxFeatures];
        Span<float> scores = stackalloc float[LearnedPhiDetector.Labels];
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            rng.Shuffle(order);
            for (int k = 0; k < order.Length; k++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (text, tokens, gold) = prepared[order[k]];
                int previous = 0;
                int previous2 = 0;
                for (int i = 0; i < tokens.Count; i++)
                {
                    int count = featurizer.Extract(text, tokens, i, previous, previous2, features);
                    int predicted = model.Train(features[..count], gold[i], scores);
                    previous2 = previous;
                    previous = predicted;
                }

                if (k % 200 == 0)
                {
                    progress?.Report(new WorkProgress("learned layer", epoch + ((double)k / order.Length), options.Epochs, $"epoch {epoch + 1}"));
                }
            }
        }

        model.Average();
        progress?.Report(new WorkProgress("learned layer", options.Epochs, options.Epochs));
        return new LearnedPhiDetector(model, lexicon, options.Bits, options.RecallBias);
    }

    /// <summary>The label of every token: the PHI type of the gold span it overlaps, else 0.</summary>
    internal static int[] GoldLabels(AnnotatedNote note)
    {
        var tokens = Tokenizer.Tokenize(note.Text);
        var labels = new int[tokens.Count];
        var spans = note.Spans.OrderBy(s => s.Start).ToArray();
        int s = 0;
        for (int i = 0; i < tokens.Count; i++)
        {
            while (s < spans.Length && spans[s].End <= tokens[i].Start)
            {
                s++;
            }

            for (int j = s; j < spans.Length && spans[j].Start < tokens[i].End; j++)
            {
                if (spans[j].End > tokens[i].Start)
                {
                    labels[i] = LearnedPhiDetector.LabelOf(spans[j].Type);
                    break;
                }
            }
        }

        return labels;
    }

    /// <summary>Labels as <see cref="PhiType"/> (null for not PHI), for tests and diagnostics.</summary>
    internal static PhiType? TypeOf(int label) => label == 0 ? null : (PhiType)(label - 1);
}
