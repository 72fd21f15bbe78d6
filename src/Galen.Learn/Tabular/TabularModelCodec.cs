using System.Text.Json;
using Galen.Core.Bundles;
using Galen.Core.Learning;
using Microsoft.ML;

namespace Galen.Learn.Tabular;

/// <summary>
/// Bundle codec of the tabular family: <c>model.json</c> (family, description, schema, seed,
/// head outputs), <c>preprocessor.json</c> (the fitted preprocessing) and one ML.NET model zip
/// per head (<c>head-0.zip</c>, ...), written by <c>MLContext.Model.Save</c>.
/// </summary>
public sealed class TabularModelCodec : IModelCodec
{
    public string Family => "tabular";

    public int FamilyVersion => 1;

    public IReadOnlyList<int> ReadableFamilyVersions => [1];

    public bool CanWrite(object model) => model is TabularModel;

    public void Write(object model, BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var tabular = (TabularModel)model;
        var description = new ModelDescription(tabular.Family, tabular.Description, tabular.Schema, tabular.Seed, tabular.Heads.Select(h => h.Output).ToArray());
        writer.Add("model.json", JsonSerializer.SerializeToUtf8Bytes(description, BundleJson.Options));
        writer.Add("preprocessor.json", JsonSerializer.SerializeToUtf8Bytes(tabular.Preprocessor, BundleJson.Options));
        var inputSchema = TabularRow.View(tabular.Context, [], tabular.Preprocessor.OutputFeatures.Count).Schema;
        for (int h = 0; h < tabular.Heads.Count; h++)
        {
            var head = tabular.Heads[h].Transformer;
            writer.Add($"head-{h}.zip", stream =>
            {
                // ML.NET needs a seekable stream; zip entry streams are not.
                using var buffer = new MemoryStream();
                tabular.Context.Model.Save(head, inputSchema, buffer);
                buffer.Position = 0;
                buffer.CopyTo(stream);
            });
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
            using var stream = new MemoryStream(reader.ReadAllBytes($"head-{h}.zip"));
            heads.Add(new TabularHead(ml.Model.Load(stream, out _), description.Heads[h]));
        }

        return new TabularModel(description.Family, description.Description, description.Schema, preprocessor, heads, description.Seed);
    }

    /// <summary>What <c>model.json</c> holds.</summary>
    private sealed record ModelDescription(string Family, string Description, LabelSchema Schema, int Seed, IReadOnlyList<HeadOutput> Heads);
}
