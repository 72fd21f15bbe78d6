using System.Text;

namespace Galen.Text.Corpus;

/// <summary>
/// Reads RFC 4180 CSV one record at a time (quoted fields may hold commas, quotes and newlines),
/// so a table of notes streams through in constant memory. Reports the line each record starts on.
/// </summary>
public sealed class CsvRecords(TextReader reader)
{
    private readonly StringBuilder _field = new();
    private long _line = 1;

    /// <summary>The 1-based line the last record returned started on.</summary>
    public long RecordLine { get; private set; }

    /// <summary>The next record's fields, or null at the end.</summary>
    public string[]? Next()
    {
        ArgumentNullException.ThrowIfNull(reader);
        var fields = new List<string>();
        _field.Clear();
        RecordLine = _line;
        bool quoted = false;
        bool any = false;
        while (true)
        {
            int c = reader.Read();
            if (c < 0)
            {
                if (!any && _field.Length == 0)
                {
                    return null;
                }

                fields.Add(_field.ToString());
                return fields.ToArray();
            }

            any = true;
            char ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        _field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        _line++;
                    }

                    _field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"' when _field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(_field.ToString());
                    _field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    _line++;
                    fields.Add(_field.ToString());
                    return fields.ToArray();
                default:
                    _field.Append(ch);
                    break;
            }
        }
    }
}
