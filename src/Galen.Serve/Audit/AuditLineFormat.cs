using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Galen.Serve.Audit;

/// <summary>
/// The audit log's line format: one JSON object per line with the fields in a fixed order and
/// <c>hash</c> last. The hash is the SHA-256 of the line's UTF-8 bytes up to (not including)
/// <c>,"hash":</c>, closed with <c>}</c>; that body includes <c>prev</c>, the previous line's hash,
/// which chains the lines.
/// </summary>
public static class AuditLineFormat
{
    private const string HashMarker = ",\"hash\":\"";

    /// <summary>Writes the line for one record and returns it with the record's hash.</summary>
    public static (string Line, string Hash) Format(long sequence, DateTimeOffset time, AuditEvent auditEvent, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("seq", sequence);
            writer.WriteString("time", time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("action", auditEvent.Action);
            writer.WriteString("actor", auditEvent.Actor);
            WriteOptional(writer, "model", auditEvent.ModelId);
            if (auditEvent.ModelVersion is { } version)
            {
                writer.WriteNumber("version", version);
            }

            WriteOptional(writer, "inputSha256", auditEvent.InputSha256);
            WriteOptional(writer, "detail", auditEvent.Detail);
            writer.WriteString("prev", previousHash);
            writer.WriteEndObject();
        }

        string body = Encoding.UTF8.GetString(buffer.ToArray());
        string hash = HashOf(body);
        return (body[..^1] + HashMarker + hash + "\"}", hash);
    }

    /// <summary>Reads one line; null when it is not a well-formed audit line.</summary>
    public static ParsedLine? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        int marker = line.LastIndexOf(HashMarker, StringComparison.Ordinal);
        if (marker < 0 || !line.EndsWith("\"}", StringComparison.Ordinal))
        {
            return null;
        }

        string body = line[..marker] + "}";
        string storedHash = line[(marker + HashMarker.Length)..^2];
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var auditEvent = new AuditEvent(
                root.GetProperty("action").GetString()!,
                root.GetProperty("actor").GetString()!,
                root.TryGetProperty("model", out var model) ? model.GetString() : null,
                root.TryGetProperty("version", out var version) ? version.GetInt32() : null,
                root.TryGetProperty("inputSha256", out var input) ? input.GetString() : null,
                root.TryGetProperty("detail", out var detail) ? detail.GetString() : null);
            var record = new AuditRecord(
                root.GetProperty("seq").GetInt64(),
                DateTimeOffset.Parse(root.GetProperty("time").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                auditEvent,
                root.GetProperty("prev").GetString()!,
                storedHash);
            return new ParsedLine(record, HashOf(body));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>A parsed line with the hash its body actually has (which differs from the stored one if edited).</summary>
    public sealed record ParsedLine(AuditRecord Record, string ComputedHash);

    private static string HashOf(string body) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
