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

    [Fact]
    public void Second_precision_timestamps_agree_with_datetime_across_the_calendar()
    {
        // yyyy-MM-dd HH:mm:ss is read by a fixed-place fast path; it must agree with .NET's own
        // calendar everywhere, leap days and century years included.
        var rng = new Random(11);
        for (int i = 0; i < 20_000; i++)
        {
            var when = new DateTime(rng.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond);
            string text = when.ToString(i % 2 == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
            Assert.True(Utf8Values.TryParseTimestamp(Encoding.UTF8.GetBytes(text), out long ticks), text);
            Assert.Equal(when.Ticks, ticks);
            Assert.True(Utf8Values.TryParseIsoSeconds(Encoding.UTF8.GetBytes(text), out long fast), text);
            Assert.Equal(when.Ticks, fast);
        }

        foreach (var leapDay in new[] { "2000-02-29 12:00:00", "2024-02-29 00:00:00", "1600-02-29 23:59:59" })
        {
            Assert.True(Utf8Values.TryParseTimestamp(Encoding.UTF8.GetBytes(leapDay), out long ticks), leapDay);
            Assert.Equal(DateTime.Parse(leapDay, CultureInfo.InvariantCulture).Ticks, ticks);
        }
    }

    [Theory]
    [InlineData("1900-02-29 00:00:00")]
    [InlineData("2023-02-29 00:00:00")]
    [InlineData("2023-04-31 00:00:00")]
    [InlineData("2023-00-10 00:00:00")]
    [InlineData("2023-01-00 00:00:00")]
    [InlineData("0000-01-01 00:00:00")]
    [InlineData("2023-01-01 12:60:00")]
    [InlineData("2023-01-01 12:00:60")]
    [InlineData("2023-01-0a 00:00:00")]
    [InlineData("2023/01/01 00:00:00")]
    [InlineData("2023-01-01 00-00-00")]
    [InlineData("2023-01-01_00:00:00")]
    public void Impossible_or_malformed_second_precision_timestamps_do_not_parse(string text)
    {
        Assert.False(Utf8Values.TryParseTimestamp(Encoding.UTF8.GetBytes(text), out _));
        Assert.False(Utf8Values.TryParseIsoSeconds(Encoding.UTF8.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("007", 7L)]
    [InlineData(" 42 ", 42L)]
    [InlineData("-42", -42L)]
    [InlineData("+42", 42L)]
    [InlineData("999999999999999999", 999_999_999_999_999_999L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Integers_parse_whatever_their_length_and_sign(string text, long expected)
    {
        Assert.True(Utf8Values.TryParseInt64(Encoding.UTF8.GetBytes(text), out long value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("12a")]
    [InlineData("1 2")]
    [InlineData("")]
    [InlineData("-")]
    public void Overflowing_or_non_numeric_integers_do_not_parse(string text)
    {
        Assert.False(Utf8Values.TryParseInt64(Encoding.UTF8.GetBytes(text), out _));
    }
}
