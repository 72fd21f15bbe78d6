using Microsoft.ML;
using Microsoft.ML.Data;

namespace Galen.Learn.Tabular;

/// <summary>One row as ML.NET reads it. Which label column a trainer uses depends on the task kind.</summary>
internal sealed class TabularRow
{
    public const string FeaturesColumn = "Features";
    public const string BinaryLabelColumn = "Label";
    public const string ValueColumn = "Value";
    public const string ClassColumn = "Class";
    public const string WeightColumn = "Weight";

    public float[] Features { get; set; } = [];

    public bool Label { get; set; }

    public float Value { get; set; }

    public uint Class { get; set; }

    public float Weight { get; set; } = 1;

    /// <summary>
    /// An ML.NET view of rows × features with optional labels and weights. Multiclass classes
    /// become ML.NET keys: <c>LoadFromEnumerable</c> takes the 0-based class index and stores
    /// key index + 1 (key 0 means missing).
    /// </summary>
    public static IDataView View(MLContext ml, float[] values, int columns, bool[]? labels = null, float[]? targets = null, int[]? classes = null, int classCount = 0, float[]? weights = null)
    {
        int rows = columns == 0 ? 0 : values.Length / columns;
        var list = new TabularRow[rows];
        for (int i = 0; i < rows; i++)
        {
            var features = new float[columns];
            Array.Copy(values, i * columns, features, 0, columns);
            list[i] = new TabularRow
            {
                Features = features,
                Label = labels?[i] ?? false,
                Value = targets?[i] ?? 0,
                Class = classes is null ? 0 : (uint)classes[i],
                Weight = weights?[i] ?? 1,
            };
        }

        var schema = SchemaDefinition.Create(typeof(TabularRow));
        schema[FeaturesColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, columns);
        schema[ClassColumn].ColumnType = new KeyDataViewType(typeof(uint), Math.Max(classCount, 1));
        return ml.Data.LoadFromEnumerable(list, schema);
    }
}
