using System.Text.Json;
using Galen.Core.Bundles;
using Galen.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Galen.Learn.Configuration;

/// <summary>Reads a <see cref="TrainingConfiguration"/> from a .json, .yaml or .yml file; unknown keys are errors that name the key and line.</summary>
public static class ConfigurationFile
{
    public static TrainingConfiguration Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new GalenInputException("The configuration file does not exist.", new SourceLocation(path), "Check the path given to --config.");
        }

        string text = File.ReadAllText(path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".json" => FromJson(text, path),
            ".yaml" or ".yml" => FromYaml(text, path),
            _ => throw new GalenInputException($"Unknown configuration format '{extension}'.", new SourceLocation(path), "Use a .json, .yaml or .yml file."),
        };
    }

    public static TrainingConfiguration FromJson(string text, string source = "configuration")
    {
        var options = new JsonSerializerOptions(BundleJson.Options) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };
        try
        {
            return JsonSerializer.Deserialize<TrainingConfiguration>(text, options) ?? new TrainingConfiguration();
        }
        catch (JsonException e)
        {
            throw new GalenInputException($"Invalid configuration: {e.Message}", new SourceLocation(source, e.LineNumber + 1, e.Path), "Use the keys documented in docs/learning-and-evaluation.md.", e);
        }
    }

    public static TrainingConfiguration FromYaml(string text, string source = "configuration")
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .Build();
        try
        {
            return deserializer.Deserialize<TrainingConfiguration?>(text) ?? new TrainingConfiguration();
        }
        catch (YamlException e)
        {
            string problem = (e.InnerException?.Message ?? e.Message).Split('\n')[0];
            throw new GalenInputException($"Invalid configuration: {problem}", new SourceLocation(source, e.Start.Line), "Use the keys documented in docs/learning-and-evaluation.md.", e);
        }
    }
}
