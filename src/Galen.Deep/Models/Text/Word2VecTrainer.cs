using Galen.Core.Errors;
using Galen.Core.Progress;
using Galen.Deep.Data;
using Galen.Deep.Persistence;
using Galen.Deep.Text;
using Galen.Deep.Training;
using TorchSharp;

namespace Galen.Deep.Models.Text;

/// <summary>
/// Learns word vectors from texts (clinical notes) with skip-gram and negative sampling, on the
/// shared <see cref="TrainingLoop"/>: progress, cancellation, checkpoints with resume at the same
/// step, divergence handling and the training curve work as for every other model. The same
/// texts, settings and seed give the same vectors on one thread count.
/// </summary>
public sealed class Word2VecTrainer(Word2VecOptions options)
{
    public Word2VecOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public string Name => "word2vec";

    /// <summary>Learns the vocabulary of <paramref name="documents"/>, then the vectors.</summary>
    public Word2VecModel Fit(IReadOnlyList<string> documents, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        Options.Validate();
        progress?.Report(new WorkProgress("vocabulary", 0, documents.Count));
        var vocabulary = WordVocabulary.Fit(documents, Options.Tokenizer, Options.MinCount, Options.MaxWords, WordVocabulary.Basic, cancellationToken);
        var corpus = WordCorpus.Build(documents, Options.Tokenizer, vocabulary, cancellationToken);
        progress?.Report(new WorkProgress("vocabulary", documents.Count, documents.Count, $"{vocabulary.Size - vocabulary.Specials:N0} words, {corpus.Count:N0} tokens"));
        if (vocabulary.Size - vocabulary.Specials < 2 || corpus.Count < 2)
        {
            throw new GalenConfigurationException(
                $"The text has {vocabulary.Size - vocabulary.Specials} words seen at least {Options.MinCount} times ({corpus.Count} tokens): too little to learn word vectors from.",
                "Train on more text, or lower MinCount.");
        }

        var device = TrainingEnvironment.Prepare(Options.Training);
        var sampler = new MiniBatchSampler(corpus.Count, Options.Training.BatchSize, Options.Training.Sampling == BatchSampling.Sequential ? BatchSampling.Sequential : BatchSampling.Shuffled, Options.Training.Seed);
        string signature = DeepJson.Write(new { options = Options, words = vocabulary.Size, tokens = corpus.Count });
        var loop = new TrainingLoop(Options.Training, sampler, signature);
        var network = new SkipGramNetwork(vocabulary.Size, Options.Dimensions);
        try
        {
            network.to(device);
            using var procedure = new SkipGramProcedure(network, corpus, vocabulary, Options, device);
            var report = loop.Run(procedure, progress, cancellationToken);
            network.cpu();
            return new Word2VecModel(network, vocabulary, Options, report);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }
}
