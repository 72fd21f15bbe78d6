using System.Text.Json;
using System.Text.Json.Serialization;

namespace Galen.Core.Bundles;

/// <summary>The JSON settings every bundle document uses: camelCase, enums as strings, NaN allowed.</summary>
public static class BundleJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };
}
