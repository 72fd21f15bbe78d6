using Galen.Core.Learning;
using Galen.Serve.Registry;

namespace Galen.Serve.Models;

/// <summary>A loaded model with the registry entry it came from and a name → column index.</summary>
public sealed class ServedModel
{
    private readonly Dictionary<string, int> _columns;

    public ServedModel(RegistryEntry entry, IServedModel model)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(model);
        Entry = entry;
        Model = model;
        _columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < model.Features.Count; i++)
        {
            _columns[model.Features[i].Name] = i;
        }
    }

    public RegistryEntry Entry { get; }

    public IServedModel Model { get; }

    public string Id => Entry.ModelId;

    public int Version => Entry.Version;

    public IReadOnlyList<FeatureSpec> Features => Model.Features;

    /// <summary>Column of a feature, or -1.</summary>
    public int ColumnOf(string feature) => _columns.GetValueOrDefault(feature, -1);

    /// <summary>Scores one row given as a value per column (NaN = missing).</summary>
    public RiskPrediction PredictOne(float[] row, int topReasons) =>
        Model.Predict(new FeatureMatrix(Model.Features, row), topReasons)[0];
}
