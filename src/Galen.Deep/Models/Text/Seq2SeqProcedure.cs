using Galen.Deep.Text;
using Galen.Deep.Training;
using Galen.Evaluation.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Models.Text;

/// <summary>
/// Training of a <see cref="Seq2SeqNetwork"/> for <see cref="TrainingLoop"/>: each step is
/// teacher-forced cross-entropy over the real target words (padding ignored); validation reports
/// that loss, the share of target words predicted right under teacher forcing, and the corpus
/// BLEU-4 of greedy generations.
/// </summary>
internal sealed class Seq2SeqProcedure : ITrainingProcedure, IDisposable
{
    /// <summary>Validation metric: share of target words (end marker included) predicted right given the true previous words.</summary>
    public const string TokenAccuracy = "token_accuracy";

    /// <summary>Validation metric: corpus BLEU-4 of greedy generations (0 to 1).</summary>
    public const string Bleu = "bleu";

    private const int ValidationBatch = 128;
    private readonly Seq2SeqNetwork _network;
    private readonly EncodedPairs _train;
    private readonly EncodedPairs? _validation;
    private readonly WordVocabulary _targets;
    private readonly int _maxLength;
    private readonly Device _device;
    private readonly double? _clipNorm;
    private readonly TorchSharp.Modules.Parameter[] _parameters;
    private readonly optim.Optimizer _optimizer;

    public Seq2SeqProcedure(Seq2SeqNetwork network, EncodedPairs train, EncodedPairs? validation, WordVocabulary targets, Seq2SeqOptions options, Device device)
    {
        _network = network;
        _train = train;
        _validation = validation;
        _targets = targets;
        _maxLength = options.MaxTargetTokens;
        _device = device;
        _clipNorm = options.Training.GradientClipNorm;
        _parameters = network.parameters().ToArray();
        _optimizer = options.Training.Optimizer.Create(_parameters);
        Modules = [new TrainedModule("network", network)];
        Optimizers = [new ScheduledOptimizer("optimizer", _optimizer, options.Training.Optimizer.LearningRate)];
    }

    public IReadOnlyList<string> LossNames { get; } = [MonitoredMetrics.Loss];

    public IReadOnlyList<TrainedModule> Modules { get; }

    public IReadOnlyList<ScheduledOptimizer> Optimizers { get; }

    public bool HasValidation => _validation is { Count: > 0 };

    public IReadOnlyList<string> ValidationMetrics { get; } = [MonitoredMetrics.Loss, TokenAccuracy, Bleu];

    /// <summary>Mean cross-entropy of the next word over real target positions.</summary>
    public static Tensor Loss(Tensor logits, Tensor targets) =>
        nn.functional.cross_entropy(logits.reshape(-1, logits.shape[2]), targets.reshape(-1), ignore_index: WordVocabulary.Padding);

    public void TrainStep(ReadOnlySpan<int> rows, Span<double> losses)
    {
        using var scope = NewDisposeScope();
        var batch = _train.Batch(rows, _device);
        var loss = Loss(_network.call(batch), batch.DecoderTargets);
        double value = loss.item<float>();
        losses[0] = value;
        if (!double.IsFinite(value))
        {
            return;
        }

        _optimizer.zero_grad();
        loss.backward();
        if (_clipNorm is { } norm)
        {
            nn.utils.clip_grad_norm_(_parameters, norm);
        }

        _optimizer.step();
    }

    public IReadOnlyDictionary<string, double> Validate(CancellationToken cancellationToken)
    {
        var source = _validation!;
        double lossSum = 0;
        long words = 0;
        long right = 0;
        using (no_grad())
        {
            var rows = new int[Math.Min(ValidationBatch, source.Count)];
            for (int start = 0; start < source.Count; start += ValidationBatch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(ValidationBatch, source.Count - start);
                for (int i = 0; i < count; i++)
                {
                    rows[i] = start + i;
                }

                using var scope = NewDisposeScope();
                var batch = source.Batch(rows.AsSpan(0, count), _device);
                var logits = _network.call(batch);
                var real = batch.DecoderTargets.ne(WordVocabulary.Padding);
                long n = real.sum().item<long>();
                lossSum += Loss(logits, batch.DecoderTargets).item<float>() * n;
                right += logits.argmax(2).eq(batch.DecoderTargets).logical_and(real).sum().item<long>();
                words += n;
            }
        }

        var generated = new Seq2SeqDecoder(_network, _targets, _device).Decode(source.Sources, DecodingOptions.Greedy, _maxLength, cancellationToken);
        var hypotheses = generated.Select(g => (IReadOnlyList<string>)g.Tokens.Select(t => _targets.Words[t]).ToArray()).ToArray();
        var references = Enumerable.Range(0, source.Count).Select(i => (IReadOnlyList<string>)source.Target(i).ToArray().Select(t => _targets.Words[t]).ToArray()).ToArray();
        return new Dictionary<string, double>
        {
            [MonitoredMetrics.Loss] = lossSum / Math.Max(1, words),
            [TokenAccuracy] = right / (double)Math.Max(1, words),
            [Bleu] = Evaluation.Metrics.Bleu.Corpus(hypotheses, references).Score,
        };
    }

    public void Dispose() => _optimizer.Dispose();
}
