using System.Globalization;
using System.Text;
using Galen.Data.Ingest.Csv;

namespace Galen.Data.Tests.Ingest;

public sealed class Utf8ValuesTests
{
    [Theory]
    [InlineData("2015-01-02", 2015, 1, 2, 0, 0, 0)]
    [InlineData("2015-01-02 03:04:05", 2015, 1, 2, 3, 4, 5)]
    [InlineData("2015-01-02T03:04", 2015, 1, 2, 3, 4, 0)]
    [InlineData(" 2016-02-29 23:59:59 ", 2016, 2, 29, 23, 59, 59)]
    [InlineData("2015-01-02T03:04:05Z", 2015, 1, 2, 3, 4, 5)]
    [InlineData("2015-01-02T03:04:05+02:00", 2015, 1, 2, 1, 4, 5)]
    public void Timestamps_in_the_accepted_forms_parse_to_the_right_instant(string text, int y, int mo, int d, int h, int mi, int s)
    {
        Assert.True(Utf8Values.TryParseTimestamp(Encoding.UTF8.GetBytes(text), out long ticks));
        Assert.Equal(new DateTime(y, mo, d, h, mi, s), new DateTime(ticks));
    }

    [Fact]
    public void Fractional_seconds_are_kept()
    {
        Assert.True(Utf8Values.TryParseTimestamp("2015-01-02 03:04:05.25"u8, out long ticks));
        Assert.Equal(new DateTime(2015, 1, 2, 3, 4, 5, 250), new DateTime(ticks));
    }

    [Theory]
    [InlineData("2015-02-29")]
    [InlineData("2015-13-01")]
    [InlineData("2015-01-01 24:00:00")]
    [InlineData("01/02/2015")]
    [InlineData("2015-01-01 10:00:00 PM")]
    [InlineData("")]
    public void Impossible_or_foreign_timestamps_do_not_parse(string text)
    {
        Assert.False(Utf8Values.TryParseTimestamp(Encoding.UTF8.GetBytes(text), out _));
    }

    [Fact]
    public void The_fast_decimal_path_gives_exactly_what_double_parse_gives()
    {
        var rng = new Random(3);
        for (int i = 0; i < 20_000; i++)
        {
            double value = Math.Round((rng.NextDouble() - 0.3) * Math.Pow(10, rng.Next(0, 8)), rng.Next(0, 6));
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            Assert.True(Utf8Values.TryParseDouble(Encoding.UTF8.GetBytes(text), out double parsed), text);
            Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), parsed);
        }

        Assert.True(Utf8Values.TryParseDouble("1.5e3"u8, out double exponent));
        Assert.Equal(1500, exponent);
        Assert.False(Utf8Values.TryParseDouble("abc"u8, out _));
        Assert.False(Utf8Values.TryParseDouble("NaN"u8, out _));
        Assert.False(Utf8Values.TryParseDouble("1.2.3"u8, out _));
    }

    [Fact]
    public void Integers_written_as_floats_are_integers()
    {
        Assert.True(Utf8Values.TryParseInt64("123.0"u8, out long value));
        Assert.Equal(123, value);
        Assert.False(Utf8Values.TryParseInt64("123.5"u8, out _));
    }
}
