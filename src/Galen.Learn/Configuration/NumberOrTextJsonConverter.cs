using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Galen.Learn.Configuration;

/// <summary>
/// Reads a text option that may also be written as a bare JSON number (e.g.
/// <c>"featuresPerSplit": 0.3</c> or <c>"sqrt"</c>), keeping the number exactly as written so
/// that <c>1</c> and <c>1.0</c> stay different, as they are in scikit-learn's <c>max_features</c>.
/// </summary>
public sealed class NumberOrTextJsonConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray()),
        JsonTokenType.Null => null,
        _ => throw new JsonException($"Expected a number or text, found {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
