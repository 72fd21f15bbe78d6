using Galen.Core.Clinical;
using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Deep.Data;
using Galen.Deep.Training;
using Galen.Deep.Training.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Models;

/// <summary>A trained visit-sequence model (GRU, LSTM, Transformer or RETAIN) with its code vocabulary.</summary>
public sealed class VisitSequenceModel : DeepModel<VisitSequenceInputs, VisitBatch>
{
    /// <summary>Family name in saved files.</summary>
    public const string FamilyName = "visit-sequence";

    /// <summary>Stands for every code outside the vocabulary in explanations.</summary>
    public static readonly ClinicalCode UnknownCode = new("GALEN", "UNKNOWN", "codes outside the model's vocabulary");

    private const int ExplanationBatch = 128;

    public VisitSequenceModel(nn.Module<VisitBatch, Tensor> network, TrainingObjective objective, VisitEncoding encoding, VisitSequenceOptions options, Device device, TrainingReport? training)
        : base(network, objective, device, training)
    {
        Encoding = encoding;
        Options = options;
    }

    public override string Family => FamilyName;

    /// <summary>The vocabulary and visit window learned from the training samples.</summary>
    public VisitEncoding Encoding { get; }

    /// <summary>The network's settings.</summary>
    public VisitSequenceOptions Options { get; }

    public override string Description => Options.Architecture switch
    {
        VisitArchitecture.Transformer => FormattableString.Invariant($"Transformer over visits, {Options.Layers} layers × {Options.Heads} heads, width {Options.EmbeddingSize}"),
        VisitArchitecture.Retain => FormattableString.Invariant($"RETAIN, embedding {Options.EmbeddingSize}, attention RNNs {Options.HiddenSize}"),
        _ => FormattableString.Invariant($"{(Options.Bidirectional ? "bidirectional " : string.Empty)}{Options.Architecture.ToString().ToUpperInvariant()} over visits, {Options.Layers} × {Options.HiddenSize} units, embedding {Options.EmbeddingSize}"),
    } + FormattableString.Invariant($", {Encoding.Vocabulary.Codes.Count} codes");

    public override IBatchSource<VisitBatch> Encode(VisitSequenceInputs inputs, string source) => Encoding.Encode(inputs, source);

    /// <summary>
    /// RETAIN only: explains each sample's prediction of one output by visit attention and per-code
    /// contributions to the output's logit (Choi et al., 2016, eq. for ω). For a regression
    /// target the "logit" is the standardised prediction.
    /// </summary>
    /// <param name="inputs">The samples to explain.</param>
    /// <param name="output">Which output: 0 for a binary or regression target, the label or class index otherwise.</param>
    public IReadOnlyList<RetainExplanation> Explain(VisitSequenceInputs inputs, int output = 0)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (Network is not RetainNetwork retain)
        {
            throw new GalenConfigurationException(
                $"Per-visit and per-code explanations come from RETAIN's attention; this model is a {Options.Architecture}.",
                "Train with the retain architecture to get attention explanations.");
        }

        if (output < 0 || output >= Schema.Width)
        {
            throw new GalenConfigurationException($"Output {output} does not exist; '{Schema.Name}' has {Schema.Width} outputs.");
        }

        var encoded = Encoding.Encode(inputs, "inputs");
        var explanations = new List<RetainExplanation>(inputs.Count);
        using var noGrad = no_grad();
        using var outer = NewDisposeScope();
        var table = Floats(retain.CodeEmbeddings);
        int width = retain.EmbeddingSize;
        var head = Floats(retain.HeadWeights[output]);
        double bias = retain.HeadBias[output].item<float>();
        string outputName = Schema.Kind switch
        {
            LabelKind.Binary => Schema.Classes[1],
            LabelKind.Regression => Schema.Name,
            _ => Schema.Classes[output],
        };
        var rows = new int[ExplanationBatch];
        var prediction = new double[ExplanationBatch * Schema.Width];
        for (int start = 0; start < encoded.Count; start += ExplanationBatch)
        {
            int count = Math.Min(ExplanationBatch, encoded.Count - start);
            for (int i = 0; i < count; i++)
            {
                rows[i] = start + i;
            }

            using var scope = NewDisposeScope();
            var batch = encoded.Batch(rows.AsSpan(0, count), Device);
            var attention = retain.Attend(batch);
            Objective.Predict(attention.Logits, prediction.AsSpan(0, count * Schema.Width));
            var alpha = Floats(attention.VisitWeights);
            var beta = Floats(attention.VariableWeights);
            var logits = Floats(attention.Logits);
            int visits = batch.Visits;
            for (int b = 0; b < count; b++)
            {
                int sample = start + b;
                int kept = encoded.VisitCount(sample);
                int skipped = inputs.VisitCount(sample) - kept;
                var visitExplanations = new VisitExplanation[kept];
                for (int t = 0; t < kept; t++)
                {
                    double a = alpha[(b * visits) + t];
                    var codes = encoded.Codes(sample, t);
                    var contributions = new CodeContribution[codes.Length];
                    for (int c = 0; c < codes.Length; c++)
                    {
                        // ω = α_t · w_output · (β_t ⊙ e_code): the code's share of the logit.
                        double dot = 0;
                        int betaAt = ((b * visits) + t) * width;
                        int rowAt = codes[c] * width;
                        for (int e = 0; e < width; e++)
                        {
                            dot += head[e] * beta[betaAt + e] * table[rowAt + e];
                        }

                        contributions[c] = new CodeContribution(Encoding.Vocabulary.CodeAt(codes[c]) ?? UnknownCode, a * dot);
                    }

                    Array.Sort(contributions, (x, y) => Math.Abs(y.Contribution).CompareTo(Math.Abs(x.Contribution)));
                    visitExplanations[t] = new VisitExplanation(skipped + t, a, contributions);
                }

                explanations.Add(new RetainExplanation(
                    sample,
                    outputName,
                    logits[(b * Schema.Width) + output],
                    prediction[(b * Schema.Width) + output],
                    bias,
                    visitExplanations));
            }
        }

        return explanations;
    }

    private static float[] Floats(Tensor tensor)
    {
        using var host = tensor.detach().to(CPU).contiguous();
        return host.data<float>().ToArray();
    }
}
