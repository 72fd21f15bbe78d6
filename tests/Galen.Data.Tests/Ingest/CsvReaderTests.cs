using System.Text;
using Galen.Data.Ingest.Csv;

namespace Galen.Data.Tests.Ingest;

public sealed class CsvReaderTests
{
    private static List<(long Line, string[] Fields, string? Malformation)> ReadAll(string text, byte delimiter = (byte)',')
    {
        var reader = new CsvReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), delimiter);
        var header = reader.ReadHeader();
        var records = new List<(long, string[], string?)> { (reader.Line, header, null) };
        while (reader.Read())
        {
            var fields = new string[reader.FieldCount];
            for (int i = 0; i < fields.Length; i++)
            {
                fields[i] = Encoding.UTF8.GetString(reader[i]);
            }

            records.Add((reader.Line, fields, reader.Malformation));
        }

        return records;
    }

    [Fact]
    public void Quoted_fields_keep_delimiters_escaped_quotes_and_newlines_and_lines_count_physical_lines()
    {
        var records = ReadAll("a,b,c\n1,\"x, \"\"y\"\"\",3\n2,\"line1\nline2\nline3\",4\n5,6,7\n");

        Assert.Equal(["1", "x, \"y\"", "3"], records[1].Fields);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(["2", "line1\nline2\nline3", "4"], records[2].Fields);
        Assert.Equal(3, records[2].Line);
        Assert.Equal(["5", "6", "7"], records[3].Fields);
        Assert.Equal(6, records[3].Line);
    }

    [Fact]
    public void Crlf_line_ends_a_byte_order_mark_and_blank_lines_are_handled()
    {
        var records = ReadAll("\uFEFFid,name\r\n1,\"a\"\r\n\r\n2,b\r\n3,\r\n");

        Assert.Equal(["id", "name"], records[0].Fields);
        Assert.Equal(["1", "a"], records[1].Fields);
        Assert.Equal(["2", "b"], records[2].Fields);
        Assert.Equal(4, records[2].Line);
        Assert.Equal(["3", ""], records[3].Fields);
    }

    [Fact]
    public void The_last_record_needs_no_line_end_and_empty_trailing_fields_count()
    {
        var records = ReadAll("a,b\n1,\n,2");

        Assert.Equal(["1", ""], records[1].Fields);
        Assert.Equal(["", "2"], records[2].Fields);
    }

    [Fact]
    public void Text_after_a_closing_quote_flags_the_record_and_reading_resumes_on_the_next_line()
    {
        var records = ReadAll("a,b\n\"1\"x,2\n3,4\n");

        Assert.NotNull(records[1].Malformation);
        Assert.Equal(["3", "4"], records[2].Fields);
        Assert.Null(records[2].Malformation);
    }

    [Fact]
    public void An_unterminated_quote_makes_the_rest_of_the_input_one_malformed_record()
    {
        var records = ReadAll("a,b\n1,2\n3,\"open\n4,5\n");

        Assert.Equal(3, records.Count);
        Assert.Contains("never closed", records[2].Malformation, StringComparison.Ordinal);
        Assert.Equal(3, records[2].Line);
    }

    [Fact]
    public void Tab_separated_input_reads_with_a_tab_delimiter()
    {
        var records = ReadAll("a\tb\n1\t2\n", (byte)'\t');
        Assert.Equal(["1", "2"], records[1].Fields);
    }

    [Fact]
    public void Records_longer_than_the_buffer_and_many_fields_across_buffer_refills_are_read_whole()
    {
        string longText = new('z', 3 << 20);
        var text = new StringBuilder("a,b\n");
        for (int i = 0; i < 50_000; i++)
        {
            text.Append(i).Append(",\"v").Append(i).Append("\"\n");
        }

        text.Append("x,\"").Append(longText).Append("\"\n").Append("last,1\n");
        var records = ReadAll(text.ToString());

        Assert.Equal(50_003, records.Count);
        Assert.Equal(["49999", "v49999"], records[50_000].Fields);
        Assert.Equal(longText, records[50_001].Fields[1]);
        Assert.Equal(["last", "1"], records[50_002].Fields);
        Assert.Equal(50_003, records[50_002].Line);
    }

    [Fact]
    public void Records_wider_than_any_before_keep_every_field_in_plain_and_quoted_form()
    {
        // Field slots grow with the widest record: 3 fields, then 300 (unquoted, split 32 bytes
        // at a time), then 300 with a quoted field among them, then 3 again.
        string wide = string.Join(',', Enumerable.Range(0, 300).Select(i => i % 7 == 0 ? string.Empty : "v" + i));
        string quoted = string.Join(',', Enumerable.Range(0, 300).Select(i => i == 150 ? "\"q,\"\"150\"" : "w" + i));
        var records = ReadAll($"a,b,c\n1,2,3\n{wide}\n{quoted}\n4,5,6\n");

        Assert.Equal(["1", "2", "3"], records[1].Fields);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => i % 7 == 0 ? string.Empty : "v" + i), records[2].Fields);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => i == 150 ? "q,\"150" : "w" + i), records[3].Fields);
        Assert.Equal(["4", "5", "6"], records[4].Fields);
        Assert.Equal([2L, 3L, 4L, 5L], records.Skip(1).Select(r => r.Line));
    }
}
