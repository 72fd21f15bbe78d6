using System.Text.Json;
using Galen.Core.Errors;
using Galen.Serve.Hosting;

namespace Galen.Cli.Serving;

/// <summary>
/// Reads <c>galen serve --config FILE</c>: a JSON object with the fields of <see cref="ServeOptions"/>
/// in camelCase (cds thresholds, rate limits, limits…), and the security fields (apiKeys with
/// SHA-256 hashes, jwt, pseudonymKey) at the top level or under <c>security</c>.
/// </summary>
public static class ServeSettingsFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static ServeOptions Read(string path, string registryRoot)
    {
        if (!File.Exists(path))
        {
            throw new GalenInputException($"The configuration file {path} does not exist.");
        }

        try
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })?.AsObject()
                ?? throw new GalenInputException("The configuration file is empty.", new SourceLocation(path));
            node["registryRoot"] ??= registryRoot;

            // apiKeys, jwt and pseudonymKey may sit at the top level, as docs/serving.md shows them.
            var security = node["security"]?.AsObject() ?? [];
            foreach (var name in new[] { "apiKeys", "jwt", "pseudonymKey" })
            {
                if (node[name] is { } value)
                {
                    node.Remove(name);
                    security[name] = value;
                }
            }

            node.Remove("security");
            node["security"] = security;
            return node.Deserialize<ServeOptions>(Json)!;
        }
        catch (JsonException e)
        {
            throw new GalenInputException($"The configuration file is not valid: {e.Message}", new SourceLocation(path, (e.LineNumber ?? 0) + 1, e.Path));
        }
    }
}
