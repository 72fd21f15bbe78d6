using Galen.Deep.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Models.Text;

/// <summary>
/// Writes text with a trained <see cref="Seq2SeqNetwork"/>: greedy decoding in batches, or beam
/// search per source ranked by log P / length^α. Padding and the start marker are never written.
/// With a beam of 1 the search keeps the single most likely word at each step, so it writes
/// exactly what greedy decoding writes.
/// </summary>
internal sealed class Seq2SeqDecoder(Seq2SeqNetwork network, WordVocabulary targets, Device device)
{
    private const int GreedyBatch = 64;

    /// <summary>Generations for every source, in order; the network must be in eval mode.</summary>
    public List<(int[] Tokens, double LogProbability, bool Finished)> Decode(EncodedTexts sources, DecodingOptions options, int maxLength, CancellationToken cancellationToken = default)
    {
        var results = new List<(int[] Tokens, double LogProbability, bool Finished)>(sources.Count);
        using var noGrad = no_grad();
        if (options.BeamWidth == 1)
        {
            var rows = new int[Math.Min(GreedyBatch, sources.Count)];
            for (int start = 0; start < sources.Count; start += GreedyBatch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(GreedyBatch, sources.Count - start);
                for (int i = 0; i < count; i++)
                {
                    rows[i] = start + i;
                }

                results.AddRange(Greedy(sources, rows.AsSpan(0, count), maxLength));
            }
        }
        else
        {
            for (int i = 0; i < sources.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results.Add(Beam(sources, i, options.BeamWidth, options.LengthPenalty, maxLength));
            }
        }

        return results;
    }

    private List<(int[] Tokens, double LogProbability, bool Finished)> Greedy(EncodedTexts sources, ReadOnlySpan<int> rows, int maxLength)
    {
        using var scope = NewDisposeScope();
        int size = rows.Length;
        var source = network.Encode(sources.Batch(rows, device));
        var state = source.Initial;
        var previous = full(size, WordVocabulary.Start, ScalarType.Int64, device);
        var tokens = new List<int>[size];
        var logProbability = new double[size];
        var finished = new bool[size];
        var done = new bool[size];
        for (int b = 0; b < size; b++)
        {
            tokens[b] = [];
        }

        for (int t = 0; t <= maxLength; t++)
        {
            var (logits, next, _) = network.Step(source, previous, state);
            var logp = LogProbabilities(logits);
            var (best, index) = logp.max(1);
            var bestValues = best.cpu().data<float>().ToArray();
            var indices = index.cpu().data<long>().ToArray();
            bool all = true;
            for (int b = 0; b < size; b++)
            {
                if (done[b])
                {
                    continue;
                }

                int word = (int)indices[b];
                if (word == WordVocabulary.End)
                {
                    logProbability[b] += bestValues[b];
                    finished[b] = true;
                    done[b] = true;
                }
                else if (t == maxLength)
                {
                    done[b] = true;
                }
                else
                {
                    logProbability[b] += bestValues[b];
                    tokens[b].Add(word);
                    all = false;
                }
            }

            if (all)
            {
                break;
            }

            state = next;
            previous = index;
        }

        var results = new List<(int[], double, bool)>(size);
        for (int b = 0; b < size; b++)
        {
            results.Add((tokens[b].ToArray(), logProbability[b], finished[b]));
        }

        return results;
    }

    private (int[] Tokens, double LogProbability, bool Finished) Beam(EncodedTexts sources, int row, int width, double lengthPenalty, int maxLength)
    {
        using var scope = NewDisposeScope();
        var source = network.Encode(sources.Batch([row], device));
        var live = new List<(List<int> Tokens, double Score)> { ([], 0.0) };
        var state = source.Initial;
        var previous = full(1, WordVocabulary.Start, ScalarType.Int64, device);
        var done = new List<(int[] Tokens, double Score, bool Finished)>();
        for (int t = 0; t <= maxLength; t++)
        {
            int count = live.Count;
            var expanded = count == 1 ? source : source.Select(zeros(count, ScalarType.Int64, device));
            var (logits, next, _) = network.Step(expanded, previous, state);
            var logp = LogProbabilities(logits);                                          // [L, V]
            using var scores = tensor(live.Select(h => (float)h.Score).ToArray(), device: device).unsqueeze(1);
            var total = (logp + scores).view(-1);
            var (values, indices) = total.topk(Math.Min(width, (int)total.shape[0]));
            var topValues = values.cpu().data<float>().ToArray();
            var topIndices = indices.cpu().data<long>().ToArray();
            var kept = new List<(List<int> Tokens, double Score)>();
            var parents = new List<long>();
            for (int k = 0; k < topIndices.Length; k++)
            {
                int parent = (int)(topIndices[k] / targets.Size);
                int word = (int)(topIndices[k] % targets.Size);
                if (word == WordVocabulary.End)
                {
                    done.Add((live[parent].Tokens.ToArray(), topValues[k], true));
                }
                else if (t < maxLength)
                {
                    kept.Add(([.. live[parent].Tokens, word], topValues[k]));
                    parents.Add(parent);
                }
            }

            if (t == maxLength)
            {
                // Out of room: the hypotheses still open end here, unfinished.
                done.AddRange(live.Select(h => (h.Tokens.ToArray(), h.Score, false)));
                break;
            }

            if (done.Count >= width || kept.Count == 0)
            {
                break;
            }

            using var rows = tensor(parents.ToArray(), device: device);
            state = next.index_select(0, rows);
            previous = tensor(kept.Select(h => (long)h.Tokens[^1]).ToArray(), device: device);
            live = kept;
        }

        var best = done.MaxBy(h => h.Score / Math.Pow(h.Tokens.Length + (h.Finished ? 1 : 0), lengthPenalty));
        return (best.Tokens, best.Score, best.Finished);
    }

    /// <summary>Log-probabilities of the next word with padding and the start marker excluded.</summary>
    private static Tensor LogProbabilities(Tensor logits)
    {
        var masked = logits.clone();
        masked[.., WordVocabulary.Padding] = float.NegativeInfinity;
        masked[.., WordVocabulary.Start] = float.NegativeInfinity;
        return masked.log_softmax(1);
    }
}
