using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Data;

/// <summary>Tabular samples after <see cref="FeatureScaling"/>: batches are float32 [batch, features].</summary>
public sealed class ScaledFeatures : IBatchSource<Tensor>
{
    private readonly float[] _values;

    internal ScaledFeatures(float[] values, int rows, int columns)
    {
        _values = values;
        Count = rows;
        Columns = columns;
    }

    public int Count { get; }

    /// <summary>Features per sample.</summary>
    public int Columns { get; }

    public Tensor Batch(ReadOnlySpan<int> rows, Device device)
    {
        var batch = HostTensors.Empty(ScalarType.Float32, rows.Length, Columns);
        var target = HostTensors.Span<float>(batch);
        for (int i = 0; i < rows.Length; i++)
        {
            _values.AsSpan(rows[i] * Columns, Columns).CopyTo(target.Slice(i * Columns, Columns));
        }

        return HostTensors.On(batch, device);
    }
}
