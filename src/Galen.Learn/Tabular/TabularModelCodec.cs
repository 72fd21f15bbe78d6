using System.Text.Json;
using Galen.Core.Bundles;
using Galen.Core.Learning;
using Galen.Learn.Trees;
using Microsoft.ML;

namespace Galen.Learn.Tabular;

/// <summary>
/// Bundle codec of the tabular family: <c>model.json</c> (family, description, schema, seed,
/// head outputs and engines), <c>preprocessor.json</c> (the fitted preprocessing) and one file
/// per head: an ML.NET model zip (<c>head-0.zip</c>, written by <c>MLContext.Model.Save</c>)
/// or a Galen forest (<c>head-0.forest</c>, <see cref="DecisionForest.Write"/>). Version 2 added
/// forest heads; version 1 bundles (ML.NET heads only) still load.
/// </summary>
public sealed class TabularModelCodec : IModelCodec
{
    private const string MlNetEngine = "ml.net";
    private const string ForestEngine = "forest";

    public string Family => "tabular";

    public int FamilyVersion => 2;

    public IReadOnlyList<int> ReadableFamilyVersions => [1, 2];

    public bool CanWrite(object model) => model is TabularModel;

    public void Write(object model, BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var tabular = (TabularModel)model;
        var engines = tabular.Heads.Select(h => h is ForestHead ? ForestEngine : MlNetEngine).ToArray();
        var description = new ModelDescription(tabular.Family, tabular.Description, tabular.Schema, tabular.Seed, tabular.Heads.Select(h => h.Output).ToArray(), engines);
        writer.Add("model.json", JsonSerializer.SerializeToUtf8Bytes(description, BundleJson.Options));
        writer.Add("preprocessor.json", JsonSerializer.SerializeToUtf8Bytes(tabular.Preprocessor, BundleJson.Options));
        DataViewSchema? inputSchema = null;
        for (int h = 0; h < tabular.Heads.Count; h++)
        {
            switch (tabular.Heads[h])
            {
                case ForestHead forest:
                    writer.Add($"head-{h}.forest", forest.Forest.Write);
                    break;
                case MlNetHead head:
                    inputSchema ??= TabularRow.View(tabular.Context, [], tabular.Preprocessor.OutputFeatures.Count).Schema;
                    writer.Add($"head-{h}.zip", stream =>
                    {
                        // ML.NET needs a seekable stream; zip entry streams are not.
                        using var buffer = new MemoryStream();
                        tabular.Context.Model.Save(head.Transformer, inputSchema, buffer);
                        buffer.Position = 0;
                        buffer.CopyTo(stream);
                    });
                    break;
                default:
                    throw new NotSupportedException($"No bundle layout for a {tabular.Heads[h].GetType().Name}.");
            }
        }
    }

    public object Read(BundleReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var description = JsonSerializer.Deserialize<ModelDescription>(reader.ReadAllBytes("model.json"), BundleJson.Options)
            ?? throw new BundleFormatException(reader.Path, "its model.json is empty");
        var preprocessor = JsonSerializer.Deserialize<FittedTabularPreprocessor>(reader.ReadAllBytes("preprocessor.json"), BundleJson.Options)
            ?? throw new BundleFormatException(reader.Path, "its preprocessor.json is empty");
        var ml = new MLContext(description.Seed);
        var heads = new List<TabularHead>();
        for (int h = 0; h < description.Heads.Count; h++)
        {
            string engine = description.Engines?[h] ?? MlNetEngine;
            if (engine == ForestEngine)
            {
                using var stream = new MemoryStream(reader.ReadAllBytes($"head-{h}.forest"));
                try
                {
                    var forest = DecisionForest.Read(stream);
                    if (forest.Features != preprocessor.OutputFeatures.Count)
                    {
                        throw new InvalidDataException($"the forest reads {forest.Features} columns but the preprocessing makes {preprocessor.OutputFeatures.Count}");
                    }

                    heads.Add(new ForestHead(forest, description.Heads[h]));
                }
                catch (InvalidDataException e)
                {
                    throw new BundleFormatException(reader.Path, $"head {h} is not a readable forest ({e.Message})", "The bundle is damaged; save the model again.", e);
                }
            }
            else if (engine == MlNetEngine)
            {
                using var stream = new MemoryStream(reader.ReadAllBytes($"head-{h}.zip"));
                heads.Add(new MlNetHead(ml.Model.Load(stream, out _), description.Heads[h]));
            }
            else
            {
                throw new BundleFormatException(reader.Path, $"head {h} uses engine '{engine}', which this Galen does not know", "A newer Galen wrote this bundle; load it with that version.");
            }
        }

        return new TabularModel(description.Family, description.Description, description.Schema, preprocessor, heads, description.Seed);
    }

    /// <summary>What <c>model.json</c> holds. <paramref name="Engines"/> is absent in version 1 (all ML.NET).</summary>
    private sealed record ModelDescription(string Family, string Description, LabelSchema Schema, int Seed, IReadOnlyList<HeadOutput> Heads, IReadOnlyList<string>? Engines = null);
}
