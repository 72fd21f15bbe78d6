using System.Globalization;
using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Deep.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Training.Objectives;

/// <summary>
/// What a supervised network is trained to do for one kind of target: how targets become
/// tensors, the loss on the network's raw outputs (logits), and how those outputs become
/// <see cref="Predictions"/>. One subclass per <see cref="LabelKind"/>.
/// </summary>
public abstract class TrainingObjective
{
    protected TrainingObjective(LabelSchema schema)
    {
        Schema = schema;
    }

    /// <summary>What the network predicts.</summary>
    public LabelSchema Schema { get; }

    /// <summary>Outputs the network's head must produce per sample.</summary>
    public int Outputs => Schema.Width;

    /// <summary>The targets of the given rows as the tensor <see cref="Loss"/> expects.</summary>
    public abstract Tensor Targets(TargetMatrix targets, ReadOnlySpan<int> rows, Device device);

    /// <summary>Mean loss of a batch; <paramref name="outputs"/> are logits [batch, <see cref="Outputs"/>].</summary>
    public abstract Tensor Loss(Tensor outputs, Tensor targets);

    /// <summary>Turns logits [batch, <see cref="Outputs"/>] into prediction values, row-major, written to <paramref name="into"/>.</summary>
    public abstract void Predict(Tensor outputs, Span<double> into);

    /// <summary>The objective for a target, fitted to the training targets where it needs to be (regression scaling).</summary>
    public static TrainingObjective For(TargetMatrix train)
    {
        ArgumentNullException.ThrowIfNull(train);
        Check(train, "training targets");
        return train.Schema.Kind switch
        {
            LabelKind.Binary => new BinaryObjective(train.Schema),
            LabelKind.Multiclass => new MulticlassObjective(train.Schema),
            LabelKind.MultiLabel => new MultiLabelObjective(train.Schema),
            LabelKind.Regression => RegressionObjective.Fit(train),
            _ => throw new GalenConfigurationException($"Unknown target kind {train.Schema.Kind}."),
        };
    }

    /// <summary>
    /// Checks that every target value fits its kind: 0/1 for binary and multi-label, a class
    /// index for multiclass, a finite number for regression.
    /// </summary>
    public static void Check(TargetMatrix targets, string source)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var schema = targets.Schema;
        if (schema.Kind is LabelKind.Multiclass or LabelKind.MultiLabel && schema.Classes.Count < 2)
        {
            throw new GalenConfigurationException($"Target '{schema.Name}' is {schema.Kind} but names {schema.Classes.Count} classes; it needs at least 2.");
        }

        var values = targets.Values;
        for (int i = 0; i < values.Length; i++)
        {
            float value = values[i];
            bool valid = schema.Kind switch
            {
                LabelKind.Binary or LabelKind.MultiLabel => value is 0f or 1f,
                LabelKind.Multiclass => value >= 0 && value < schema.Classes.Count && value == MathF.Floor(value),
                _ => float.IsFinite(value),
            };
            if (!valid)
            {
                string field = schema.Kind == LabelKind.MultiLabel ? schema.Classes[i % targets.Width] : schema.Name;
                throw new GalenInputException(
                    $"Row {i / targets.Width} has a target value that a {schema.Kind} target cannot take.",
                    new SourceLocation(source, (i / targets.Width) + 1, field, value.ToString(CultureInfo.InvariantCulture)),
                    schema.Kind switch
                    {
                        LabelKind.Binary or LabelKind.MultiLabel => "Use 0 or 1.",
                        LabelKind.Multiclass => $"Use a class index from 0 to {schema.Classes.Count - 1}.",
                        _ => "Leave samples without a known outcome out of the task.",
                    });
            }
        }
    }

    /// <summary>A float32 [rows, width] tensor of the rows' target values.</summary>
    protected static Tensor FloatTargets(TargetMatrix targets, ReadOnlySpan<int> rows, Device device, float offset = 0f, float scale = 1f)
    {
        ArgumentNullException.ThrowIfNull(targets);
        int width = targets.Width;
        var tensor = HostTensors.Empty(ScalarType.Float32, rows.Length, width);
        var span = HostTensors.Span<float>(tensor);
        for (int i = 0; i < rows.Length; i++)
        {
            var row = targets.Row(rows[i]);
            for (int k = 0; k < width; k++)
            {
                span[(i * width) + k] = (row[k] - offset) / scale;
            }
        }

        return HostTensors.On(tensor, device);
    }

    /// <summary>Copies a float tensor (any device) to <paramref name="into"/>.</summary>
    protected static void CopyOut(Tensor values, Span<double> into)
    {
        ArgumentNullException.ThrowIfNull(values);
        using var host = values.detach().to(torch.CPU).contiguous();
        var source = HostTensors.Span<float>(host);
        if (source.Length != into.Length)
        {
            throw new ArgumentException($"{source.Length} outputs for {into.Length} prediction slots.", nameof(into));
        }

        for (int i = 0; i < source.Length; i++)
        {
            into[i] = source[i];
        }
    }
}
