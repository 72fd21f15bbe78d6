using System.Globalization;
using System.Text.Json;
using Galen.Serve.Registry;

namespace Galen.Serve.Audit;

/// <summary>
/// The sequence number and hash of the last record, kept in a file beside the log
/// (<c>audit.jsonl.anchor</c>) and replaced atomically after every write. A log that ends before
/// its anchor has lost its tail.
/// </summary>
public sealed record AuditAnchor(long Sequence, string Hash)
{
    /// <summary>Path of the anchor for a log.</summary>
    public static string PathFor(string logPath) => logPath + ".anchor";

    /// <summary>Reads the anchor, or null when there is none.</summary>
    public static AuditAnchor? Read(string logPath)
    {
        string path = PathFor(logPath);
        if (!File.Exists(path))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return new AuditAnchor(document.RootElement.GetProperty("seq").GetInt64(), document.RootElement.GetProperty("hash").GetString()!);
    }

    /// <summary>Replaces the anchor atomically.</summary>
    public void Write(string logPath) =>
        DurableFiles.WriteAllText(PathFor(logPath), string.Create(CultureInfo.InvariantCulture, $"{{\"seq\":{Sequence},\"hash\":\"{Hash}\"}}\n"));

    /// <summary><c>seq:hash</c>, the form an operator copies elsewhere and passes back to <c>galen audit verify --expect-head</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Sequence}:{Hash}");
}
