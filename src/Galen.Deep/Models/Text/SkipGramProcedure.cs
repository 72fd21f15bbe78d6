using Galen.Deep.Text;
using Galen.Deep.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Models.Text;

/// <summary>
/// One word2vec training step for <see cref="TrainingLoop"/>: a batch is a set of centre
/// positions in the corpus. Each centre is kept with its subsampling probability, draws a window
/// b in [1, window], and pairs with the b nearest kept words on each side inside its document
/// (the neighbours' subsampling is drawn afresh for each centre, which leaves the expected pairs
/// unchanged); each pair gets noise words from count^0.75, never the pair's own context word.
/// All of a step's draws come from a generator seeded by libtorch's, so a resumed run repeats
/// them exactly.
/// </summary>
internal sealed class SkipGramProcedure : ITrainingProcedure, IDisposable
{
    private readonly SkipGramNetwork _network;
    private readonly WordCorpus _corpus;
    private readonly double[] _keep;
    private readonly NoiseDistribution _noise;
    private readonly int _window;
    private readonly int _negatives;
    private readonly Device _device;
    private readonly double? _clipNorm;
    private readonly TorchSharp.Modules.Parameter[] _parameters;
    private readonly optim.Optimizer _optimizer;
    private readonly List<int> _words = [];
    private readonly List<int> _contexts = [];

    public SkipGramProcedure(SkipGramNetwork network, WordCorpus corpus, WordVocabulary vocabulary, Word2VecOptions options, Device device)
    {
        _network = network;
        _corpus = corpus;
        _keep = KeepProbabilities(vocabulary, options.Subsample);
        _noise = new NoiseDistribution(vocabulary.Counts, options.NoiseExponent);
        _window = options.Window;
        _negatives = options.Negatives;
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

    public bool HasValidation => false;

    public IReadOnlyList<string> ValidationMetrics { get; } = [MonitoredMetrics.Loss];

    /// <summary>Word2vec's keep probability per word: min(1, (√(f / t) + 1) · t / f) with f the word's share of the corpus.</summary>
    public static double[] KeepProbabilities(WordVocabulary vocabulary, double threshold)
    {
        var keep = new double[vocabulary.Size];
        double total = vocabulary.TotalCount;
        for (int i = 0; i < keep.Length; i++)
        {
            long count = vocabulary.Counts[i];
            if (count == 0)
            {
                keep[i] = 0;
                continue;
            }

            double f = count / total;
            keep[i] = threshold <= 0 ? 1 : Math.Min(1, (Math.Sqrt(f / threshold) + 1) * threshold / f);
        }

        return keep;
    }

    public void TrainStep(ReadOnlySpan<int> rows, Span<double> losses)
    {
        using var scope = NewDisposeScope();
        var random = new SplitMix64(StepSeed());
        Pairs(rows, ref random);
        int pairs = _words.Count;
        if (pairs == 0)
        {
            // Every centre was subsampled away: nothing to learn from this batch.
            losses[0] = 0;
            return;
        }

        var words = Data.HostTensors.Empty(ScalarType.Int64, pairs);
        var contexts = Data.HostTensors.Empty(ScalarType.Int64, pairs);
        var noise = Data.HostTensors.Empty(ScalarType.Int64, pairs, _negatives);
        var wordSpan = Data.HostTensors.Span<long>(words);
        var contextSpan = Data.HostTensors.Span<long>(contexts);
        var noiseSpan = Data.HostTensors.Span<long>(noise);
        for (int p = 0; p < pairs; p++)
        {
            wordSpan[p] = _words[p];
            int context = _contexts[p];
            contextSpan[p] = context;
            for (int k = 0; k < _negatives; k++)
            {
                int drawn = _noise.Draw(ref random);
                for (int retry = 0; drawn == context && retry < 8; retry++)
                {
                    drawn = _noise.Draw(ref random);
                }

                noiseSpan[(p * _negatives) + k] = drawn;
            }
        }

        var loss = _network.call(Data.HostTensors.On(words, _device), Data.HostTensors.On(contexts, _device), Data.HostTensors.On(noise, _device));
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


    public IReadOnlyDictionary<string, double> Validate(CancellationToken cancellationToken) => new Dictionary<string, double>();

    public void Dispose() => _optimizer.Dispose();

    /// <summary>A 64-bit seed drawn from libtorch's generator (restored by checkpoints).</summary>
    private static ulong StepSeed()
    {
        using var drawn = randint(0, int.MaxValue, [2], ScalarType.Int64);
        var halves = drawn.data<long>();
        return ((ulong)halves[0] << 31) ^ (ulong)halves[1];
    }

    private void Pairs(ReadOnlySpan<int> rows, ref SplitMix64 random)
    {
        _words.Clear();
        _contexts.Clear();
        foreach (int position in rows)
        {
            int word = _corpus[position];
            if (random.NextDouble() >= _keep[word])
            {
                continue;
            }

            int reach = 1 + random.Next(_window);
            var (start, end) = _corpus.DocumentAround(position);
            int found = 0;
            for (int q = position - 1; q >= start && found < reach; q--)
            {
                int context = _corpus[q];
                if (random.NextDouble() < _keep[context])
                {
                    _words.Add(word);
                    _contexts.Add(context);
                    found++;
                }
            }

            found = 0;
            for (int q = position + 1; q < end && found < reach; q++)
            {
                int context = _corpus[q];
                if (random.NextDouble() < _keep[context])
                {
                    _words.Add(word);
                    _contexts.Add(context);
                    found++;
                }
            }
        }
    }
}
