using System.Text.Json;
using Galen.Core.Errors;
using Galen.Serve.Hosting;

namespace Galen.Cli.Serving;

/// <summary>
/// Reads <c>galen serve --config FILE</c>: a JSON object with the fields of <see cref="ServeOptions"/>
/// in camelCase (apiKeys with SHA-256 hashes, jwt, cds thresholds, rate limits…).
/// </summary>
public static class ServeSettingsFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

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
            return node.Deserialize<ServeOptions>(Json)!;
        }
        catch (JsonException e)
        {
            throw new GalenInputException($"The configuration file is not valid: {e.Message}", new SourceLocation(path, (e.LineNumber ?? 0) + 1, e.Path));
        }
    }
}
