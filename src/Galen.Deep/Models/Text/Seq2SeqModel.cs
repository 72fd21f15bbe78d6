using System.Globalization;
using Galen.Core.Learning;
using Galen.Deep.Persistence;
using Galen.Deep.Text;
using Galen.Deep.Training;
using Galen.Evaluation.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Models.Text;

/// <summary>Generations for a set of pairs and how close they came to the references.</summary>
/// <param name="Generated">What the model wrote, per pair.</param>
/// <param name="Bleu">Corpus BLEU-4 against the target texts.</param>
/// <param name="RougeL">Mean ROUGE-L against the target texts.</param>
public sealed record GenerationScores(IReadOnlyList<GeneratedText> Generated, BleuScore Bleu, RougeLScore RougeL);

/// <summary>
/// A trained sequence-to-sequence model with attention: writes text from a source (greedy or
/// beam search) and scores its writing against references with BLEU and ROUGE-L. Generation is
/// deterministic. Holds native memory: dispose it when done.
/// </summary>
public sealed class Seq2SeqModel : IDeepModel
{
    /// <summary>Family name in saved files.</summary>
    public const string FamilyName = "seq2seq";

    private readonly object _gate = new();

    public Seq2SeqModel(Seq2SeqNetwork network, WordVocabulary sourceVocabulary, WordVocabulary targetVocabulary, Seq2SeqOptions options, Device device, TrainingReport? training)
    {
        Network = network ?? throw new ArgumentNullException(nameof(network));
        SourceVocabulary = sourceVocabulary ?? throw new ArgumentNullException(nameof(sourceVocabulary));
        TargetVocabulary = targetVocabulary ?? throw new ArgumentNullException(nameof(targetVocabulary));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Device = device;
        Training = training;
        SourceEncoding = new TextEncoding(options.SourceTokenizer, sourceVocabulary, options.MaxSourceTokens);
        Schema = new LabelSchema("next_word", LabelKind.Multiclass, targetVocabulary.Words, "the next word of the generated text");
        Network.eval();
    }

    public string Family => FamilyName;

    /// <summary>What the decoder predicts at each step: the next word, over the target vocabulary.</summary>
    public LabelSchema Schema { get; }

    public string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"seq2seq with additive attention, BiGRU encoder {Options.HiddenSize} per direction, GRU decoder {Options.HiddenSize}, {Options.EmbeddingSize}-d word vectors, {SourceVocabulary.Size - SourceVocabulary.Specials:N0} source and {TargetVocabulary.Size - TargetVocabulary.Specials:N0} target words");

    public TrainingReport? Training { get; }

    public Seq2SeqNetwork Network { get; }

    public WordVocabulary SourceVocabulary { get; }

    public WordVocabulary TargetVocabulary { get; }

    /// <summary>How sources are read.</summary>
    public TextEncoding SourceEncoding { get; }

    public Seq2SeqOptions Options { get; }

    /// <summary>Where the network runs.</summary>
    public Device Device { get; }

    /// <summary>The text written for one source.</summary>
    public GeneratedText Generate(string source, DecodingOptions? decoding = null) => Generate([source], decoding)[0];

    /// <summary>The texts written for several sources, in order.</summary>
    public IReadOnlyList<GeneratedText> Generate(IReadOnlyList<string> sources, DecodingOptions? decoding = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        decoding ??= DecodingOptions.Greedy;
        decoding.Validate();
        if (sources.Count == 0)
        {
            return [];
        }

        var encoded = SourceEncoding.Encode(sources, "sources");
        List<(int[] Tokens, double LogProbability, bool Finished)> raw;

        // Dropout is off in eval mode, so generation reads no random numbers; the lock keeps
        // libtorch's per-module state single-threaded for callers on several threads.
        lock (_gate)
        {
            raw = new Seq2SeqDecoder(Network, TargetVocabulary, Device).Decode(encoded, decoding, decoding.MaxLength ?? Options.MaxTargetTokens, cancellationToken);
        }

        return raw.Select(r =>
        {
            var words = r.Tokens.Select(t => TargetVocabulary.Words[t]).ToArray();
            return new GeneratedText(TextTokenizer.Detokenize(words), words, r.LogProbability, r.Finished);
        }).ToArray();
    }

    /// <summary>Generates for every pair's source and scores the texts against the pairs' targets (tokenised as in training).</summary>
    public GenerationScores Score(TextPairs pairs, DecodingOptions? decoding = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var generated = Generate(pairs.Sources, decoding, cancellationToken);
        var hypotheses = generated.Select(g => (IReadOnlyList<string>)g.Tokens).ToArray();
        var references = pairs.Targets.Select(t => (IReadOnlyList<string>)Options.TargetTokenizer.Tokenize(t)).ToArray();
        return new GenerationScores(generated, Bleu.Corpus(hypotheses, references), RougeL.Corpus(hypotheses, references));
    }

    public void Save(string path) => DeepModelArchive.Save(this, path);

    public void Dispose()
    {
        Network.Dispose();
        GC.SuppressFinalize(this);
    }
}
