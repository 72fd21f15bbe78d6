using Galen.Core.Errors;
using Galen.Core.Privacy;
using Galen.Text.Deid.Detection;
using Galen.Text.Deid.Lexicons;
using Galen.Text.Tokens;

namespace Galen.Text.Deid.Learning;

/// <summary>
/// The learned layer: a token classifier (averaged perceptron over hashed context features,
/// decoded greedily left to right) that labels every token with a PHI type or "not PHI". Runs of
/// tokens with one label become one finding. <see cref="RecallBias"/> tilts close calls towards PHI.
/// </summary>
public sealed class LearnedPhiDetector : IPhiDetector
{
    /// <summary>Label 0 is "not PHI"; label t + 1 is <see cref="PhiType"/> t.</summary>
    internal static readonly int Labels = Enum.GetValues<PhiType>().Length + 1;

    private const uint Magic = 0x4C50_4844; // "DHPL"
    private readonly AveragedPerceptron _model;
    private readonly TokenFeaturizer _featurizer;
    private readonly PhiLexicon _lexicon;

    [ThreadStatic]
    private static List<Token>? t_tokens;

    internal LearnedPhiDetector(AveragedPerceptron model, PhiLexicon lexicon, int bits, float recallBias)
    {
        _model = model;
        Bits = bits;
        _featurizer = new TokenFeaturizer(lexicon, bits);
        _lexicon = lexicon;
        RecallBias = recallBias;
    }

    /// <summary>log2 of the feature buckets.</summary>
    public int Bits { get; }

    /// <summary>A PHI label wins when its score is within this margin of "not PHI".</summary>
    public float RecallBias { get; }

    /// <summary>The same model with another recall bias.</summary>
    public LearnedPhiDetector WithRecallBias(float recallBias) => new(_model, PhiLexicon.Default, Bits, recallBias);

    public void Detect(string text, List<PhiFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(findings);
        var tokens = t_tokens ??= new List<Token>(1024);
        tokens.Clear();
        Tokenizer.Tokenize(text, tokens);
        Span<int> features = stackalloc int[TokenFeaturizer.MaxFeatures];
        Span<float> scores = stackalloc float[Labels];
        int previous = 0;
        int previous2 = 0;
        int runLabel = 0;
        int runStart = 0;
        int runEnd = 0;
        for (int i = 0; i < tokens.Count; i++)
        {
            int count = _featurizer.Extract(text, tokens, i, previous, previous2, features);
            _model.Score(features[..count], scores);
            int label = Decide(scores);
            if (label != runLabel || (label != 0 && tokens[i].Start - runEnd > 2))
            {
                Flush(text, findings, runLabel, runStart, runEnd);
                runLabel = label;
                runStart = tokens[i].Start;
            }

            runEnd = tokens[i].End;
            previous2 = previous;
            previous = label;
        }

        Flush(text, findings, runLabel, runStart, runEnd);
    }

    internal int Decide(ReadOnlySpan<float> scores)
    {
        int best = AveragedPerceptron.ArgMax(scores);
        if (best != 0 || RecallBias <= 0)
        {
            return best;
        }

        int phi = 1;
        for (int c = 2; c < scores.Length; c++)
        {
            if (scores[c] > scores[phi])
            {
                phi = c;
            }
        }

        return scores[phi] >= scores[0] - RecallBias ? phi : 0;
    }

    internal TokenFeaturizer Featurizer => _featurizer;

    internal AveragedPerceptron Model => _model;

    private void Flush(string text, List<PhiFinding> findings, int label, int start, int end)
    {
        if (label != 0 && end > start && !TextWalk.OnlyCommonWords(text.AsSpan(start, end - start), _lexicon))
        {
            findings.Add(new PhiFinding(start, end - start, (PhiType)(label - 1), DetectionLayer.Learned));
        }
    }

    /// <summary>Writes the model (non-zero weights only) to <paramref name="stream"/>.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Bits);
        writer.Write(Labels);
        writer.Write(RecallBias);
        var weights = _model.Weights;
        int nonZero = 0;
        foreach (float w in weights)
        {
            nonZero += w != 0 ? 1 : 0;
        }

        writer.Write(nonZero);
        for (int i = 0; i < weights.Length; i++)
        {
            if (weights[i] != 0)
            {
                writer.Write(i);
                writer.Write(weights[i]);
            }
        }
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    public static LearnedPhiDetector Load(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            if (reader.ReadUInt32() != Magic)
            {
                throw new GalenInputException("is not a Galen de-identification model.", new SourceLocation(source), "Train one with `galen deid --save-model`.");
            }

            int bits = reader.ReadInt32();
            int labels = reader.ReadInt32();
            float bias = reader.ReadSingle();
            if (labels != Labels || bits is < 10 or > 24)
            {
                throw new GalenInputException($"was made for {labels} labels and {bits} bits; this Galen needs {Labels} labels.", new SourceLocation(source), "Retrain the model with this version.");
            }

            int buckets = 1 << bits;
            var weights = new float[buckets * labels];
            int nonZero = reader.ReadInt32();
            for (int k = 0; k < nonZero; k++)
            {
                int index = reader.ReadInt32();
                float value = reader.ReadSingle();
                if ((uint)index >= (uint)weights.Length)
                {
                    throw new GalenInputException("holds a weight outside the model.", new SourceLocation(source), "The file is damaged; retrain the model.");
                }

                weights[index] = value;
            }

            return new LearnedPhiDetector(AveragedPerceptron.FromWeights(buckets, labels, weights), PhiLexicon.Default, bits, bias);
        }
        catch (EndOfStreamException e)
        {
            throw new GalenInputException("ends early.", new SourceLocation(source), "The file is damaged; retrain the model.", e);
        }
    }

    internal static int LabelOf(PhiType type) => (int)type + 1;

}
