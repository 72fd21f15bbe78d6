using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Galen.Data.Ingest.Csv;

/// <summary>
/// Parses numbers and timestamps straight from UTF-8 field bytes, without making strings.
/// Locale-independent. Surrounding spaces are ignored.
/// </summary>
internal static class Utf8Values
{
    private static readonly int[] DaysBeforeMonth = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> field)
    {
        if (field.IsEmpty || (field[0] != (byte)' ' && field[^1] != (byte)' '))
        {
            return field;
        }

        int start = 0;
        int end = field.Length;
        while (start < end && field[start] == (byte)' ')
        {
            start++;
        }

        while (end > start && field[end - 1] == (byte)' ')
        {
            end--;
        }

        return field[start..end];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseInt64(ReadOnlySpan<byte> field, out long value)
    {
        field = Trim(field);
        if (Utf8Parser.TryParse(field, out value, out int consumed) && consumed == field.Length)
        {
            return true;
        }

        // "123.0" is an integer written by tools that store ids as floats.
        if (Utf8Parser.TryParse(field, out double d, out consumed) && consumed == field.Length && d == Math.Floor(d) && Math.Abs(d) < 9e15)
        {
            value = (long)d;
            return true;
        }

        value = 0;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseDouble(ReadOnlySpan<byte> field, out double value)
    {
        field = Trim(field);
        if (TryParseSimpleDecimal(field, out value))
        {
            return true;
        }

        if (Utf8Parser.TryParse(field, out value, out int consumed) && consumed == field.Length)
        {
            return double.IsFinite(value);
        }

        return double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>
    /// The fast path for the common "-123.45": at most 15 digits and no exponent. The digits
    /// form an integer below 2^53 and 10^k is exact, so one IEEE division gives the correctly
    /// rounded result (Clinger's fast path), identical to a full parse.
    /// </summary>
    private static bool TryParseSimpleDecimal(ReadOnlySpan<byte> field, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (!field.IsEmpty && (field[0] == (byte)'-' || field[0] == (byte)'+'))
        {
            negative = field[0] == (byte)'-';
            i = 1;
        }

        long mantissa = 0;
        int digits = 0;
        int decimals = -1;
        for (; i < field.Length; i++)
        {
            byte b = field[i];
            if (b == (byte)'.' && decimals < 0)
            {
                decimals = 0;
                continue;
            }

            uint digit = (uint)(b - (byte)'0');
            if (digit > 9 || ++digits > 15)
            {
                return false;
            }

            mantissa = (mantissa * 10) + digit;
            if (decimals >= 0)
            {
                decimals++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        value = decimals > 0 ? mantissa / PowersOfTen[decimals] : mantissa;
        if (negative)
        {
            value = -value;
        }

        return true;
    }

    private static readonly double[] PowersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>
    /// Parses <c>yyyy-MM-dd</c> (or <c>yyyyMMdd</c>), optionally followed by a space or <c>T</c> and <c>HH:mm</c>,
    /// <c>HH:mm:ss</c> and a fraction of a second, and optionally a trailing <c>Z</c> or
    /// <c>+00:00</c>. The result is .NET ticks; other offsets are converted to UTC.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseTimestamp(ReadOnlySpan<byte> field, out long ticks)
    {
        ticks = 0;
        field = Trim(field);
        if (field.Length == 8 && Digits(field, out _))
        {
            // yyyyMMdd, as OMOP vocabulary exports write dates.
            Span<byte> iso = [field[0], field[1], field[2], field[3], (byte)'-', field[4], field[5], (byte)'-', field[6], field[7]];
            return TryParseTimestamp(iso, out ticks);
        }

        if (field.Length < 10 || field[4] != (byte)'-' || field[7] != (byte)'-')
        {
            return false;
        }

        if (!Digits(field[..4], out int year) || !Digits(field.Slice(5, 2), out int month) || !Digits(field.Slice(8, 2), out int day))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        int hour = 0, minute = 0, second = 0;
        long fraction = 0;
        long offsetMinutes = 0;
        var rest = field[10..];
        if (!rest.IsEmpty)
        {
            if ((rest[0] != (byte)' ' && rest[0] != (byte)'T') || rest.Length < 6 || rest[3] != (byte)':')
            {
                return false;
            }

            if (!Digits(rest.Slice(1, 2), out hour) || !Digits(rest.Slice(4, 2), out minute))
            {
                return false;
            }

            rest = rest[6..];
            if (!rest.IsEmpty && rest[0] == (byte)':')
            {
                if (rest.Length < 3 || !Digits(rest.Slice(1, 2), out second))
                {
                    return false;
                }

                rest = rest[3..];
                if (!rest.IsEmpty && rest[0] == (byte)'.')
                {
                    int i = 1;
                    long scale = TimeSpan.TicksPerSecond;
                    while (i < rest.Length && rest[i] >= (byte)'0' && rest[i] <= (byte)'9')
                    {
                        scale /= 10;
                        fraction += (rest[i] - (byte)'0') * scale;
                        i++;
                    }

                    if (i == 1)
                    {
                        return false;
                    }

                    rest = rest[i..];
                }
            }

            if (!rest.IsEmpty && !TryParseOffset(rest, out offsetMinutes))
            {
                return false;
            }

            if (hour > 23 || minute > 59 || second > 59)
            {
                return false;
            }
        }

        int y = year - 1;
        long days = (y * 365L) + (y / 4) - (y / 100) + (y / 400) + DaysBeforeMonth[month - 1] + day - 1;
        if (month > 2 && DateTime.IsLeapYear(year))
        {
            days++;
        }

        ticks = (days * TimeSpan.TicksPerDay) + (hour * TimeSpan.TicksPerHour) + (minute * TimeSpan.TicksPerMinute)
            + (second * TimeSpan.TicksPerSecond) + fraction - (offsetMinutes * TimeSpan.TicksPerMinute);
        return ticks >= 0 && ticks <= DateTime.MaxValue.Ticks;
    }

    private static bool TryParseOffset(ReadOnlySpan<byte> rest, out long minutes)
    {
        minutes = 0;
        if (rest.Length == 1 && rest[0] == (byte)'Z')
        {
            return true;
        }

        if (rest.Length == 6 && (rest[0] == (byte)'+' || rest[0] == (byte)'-') && rest[3] == (byte)':'
            && Digits(rest.Slice(1, 2), out int h) && Digits(rest.Slice(4, 2), out int m))
        {
            minutes = (rest[0] == (byte)'-' ? -1 : 1) * ((h * 60L) + m);
            return true;
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Digits(ReadOnlySpan<byte> span, out int value)
    {
        value = 0;
        foreach (byte b in span)
        {
            uint digit = (uint)(b - (byte)'0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return true;
    }
}
