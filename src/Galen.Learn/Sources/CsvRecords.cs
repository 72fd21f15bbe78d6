using System.Text;

namespace Galen.Learn.Sources;

/// <summary>Reads RFC 4180 CSV records (quoted fields may hold commas, quotes and newlines), with the line each starts on.</summary>
internal static class CsvRecords
{
    public static IEnumerable<(long Line, List<string> Fields)> Read(TextReader reader)
    {
        long line = 1;
        var field = new StringBuilder();
        var fields = new List<string>();
        bool quoted = false;
        bool any = false;
        long start = 1;
        int c;
        while ((c = reader.Read()) != -1)
        {
            char ch = (char)c;
            any = true;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
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
                        line++;
                    }

                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    if (!(fields.Count == 1 && fields[0].Length == 0))
                    {
                        yield return (start, fields);
                    }

                    fields = [];
                    any = false;
                    line++;
                    start = line;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }

        if (any)
        {
            fields.Add(field.ToString());
            if (!(fields.Count == 1 && fields[0].Length == 0))
            {
                yield return (start, fields);
            }
        }
    }
}
