using System.IO.Compression;
using System.Text;

namespace Galen.Data.Tests.Synthetic;

/// <summary>
/// Reads the CSV files the synthetic hospital writes with a small RFC 4180 parser of its own
/// (quoted fields may hold commas, doubled quotes and line breaks, blank lines included), so the
/// tests do not trust the writer's own code.
/// </summary>
internal static class Csv
{
    public static (string[] Header, List<string[]> Rows) Read(string path)
    {
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal)
            ? new GZipStream(File.OpenRead(path), CompressionMode.Decompress)
            : File.OpenRead(path);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var records = Parse(reader.ReadToEnd());
        return (records[0], records.Skip(1).ToList());
    }

    /// <summary>Rows as dictionaries keyed by column name; fails if a row's width differs from the header's.</summary>
    public static List<Dictionary<string, string>> Records(string path)
    {
        var (header, rows) = Read(path);
        return rows.Select((r, i) =>
        {
            Assert.True(r.Length == header.Length, $"{Path.GetFileName(path)} row {i + 1} has {r.Length} fields, the header {header.Length}");
            return header.Select((h, j) => (h, v: r[j])).ToDictionary(p => p.h, p => p.v, StringComparer.Ordinal);
        }).ToList();
    }

    public static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        bool fieldStarted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when !fieldStarted:
                    quoted = true;
                    fieldStarted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    records.Add([.. fields]);
                    fields.Clear();
                    break;
                case '\r':
                    throw new FormatException("The synthetic hospital writes LF line ends only.");
                default:
                    field.Append(c);
                    fieldStarted = true;
                    break;
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            throw new FormatException("The last line does not end with a line break.");
        }

        return records;
    }
}
