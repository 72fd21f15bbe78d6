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
    // Spans over constant data, not static arrays: the hot methods are compiled fully optimised
    // on first call (AggressiveOptimization), possibly before a static constructor has run, and
    // would then reach a static array through a class-initialisation check on every use.
    private static ReadOnlySpan<int> DaysBeforeMonth => [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

    private static ReadOnlySpan<double> PowersOfTen => [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> field) =>
        field.IsEmpty || (field[0] != (byte)' ' && field[^1] != (byte)' ') ? field : TrimSpaces(field);

    private static ReadOnlySpan<byte> TrimSpaces(ReadOnlySpan<byte> field)
    {
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
        if (field.Length is > 0 and <= 18)
        {
            // Plain digits (ids, codes): at most 18 of them cannot overflow.
            long digits = 0;
            int i = 0;
            for (; i < field.Length; i++)
            {
                uint digit = (uint)(field[i] - (byte)'0');
                if (digit > 9)
                {
                    break;
                }

                digits = (digits * 10) + digit;
            }

            if (i == field.Length)
            {
                value = digits;
                return true;
            }
        }

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>
    /// Parses <c>yyyy-MM-dd</c> (or <c>yyyyMMdd</c>), optionally followed by a space or <c>T</c> and <c>HH:mm</c>,
    /// <c>HH:mm:ss</c> and a fraction of a second, and optionally a trailing <c>Z</c> or
    /// <c>+00:00</c>. The result is .NET ticks; other offsets are converted to UTC.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseTimestamp(ReadOnlySpan<byte> field, out long ticks)
    {
        field = Trim(field);
        if (field.Length == 19 && TryParseIsoSeconds(field, out ticks))
        {
            return true;
        }

        ticks = 0;
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

    /// <summary>
    /// The common shape <c>yyyy-MM-dd HH:mm:ss</c> (or with <c>T</c>), all at fixed places: the
    /// digits are read without loops. False for anything else, which the general parser then reads.
    /// Internal for the tests, which check that it does take the values it is for.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryParseIsoSeconds(ReadOnlySpan<byte> field, out long ticks)
    {
        ticks = 0;
        if (field[4] != (byte)'-' || field[7] != (byte)'-' || (field[10] != (byte)' ' && field[10] != (byte)'T') || field[13] != (byte)':' || field[16] != (byte)':')
        {
            return false;
        }

        uint y1 = (uint)(field[0] - (byte)'0'), y2 = (uint)(field[1] - (byte)'0'), y3 = (uint)(field[2] - (byte)'0'), y4 = (uint)(field[3] - (byte)'0');
        uint mo1 = (uint)(field[5] - (byte)'0'), mo2 = (uint)(field[6] - (byte)'0'), d1 = (uint)(field[8] - (byte)'0'), d2 = (uint)(field[9] - (byte)'0');
        uint h1 = (uint)(field[11] - (byte)'0'), h2 = (uint)(field[12] - (byte)'0'), mi1 = (uint)(field[14] - (byte)'0'), mi2 = (uint)(field[15] - (byte)'0');
        uint s1 = (uint)(field[17] - (byte)'0'), s2 = (uint)(field[18] - (byte)'0');
        if ((y1 > 9) | (y2 > 9) | (y3 > 9) | (y4 > 9) | (mo1 > 9) | (mo2 > 9) | (d1 > 9) | (d2 > 9)
            | (h1 > 9) | (h2 > 9) | (mi1 > 9) | (mi2 > 9) | (s1 > 9) | (s2 > 9))
        {
            return false;
        }

        int year = (int)((y1 * 1000) + (y2 * 100) + (y3 * 10) + y4);
        int month = (int)((mo1 * 10) + mo2);
        int day = (int)((d1 * 10) + d2);
        int hour = (int)((h1 * 10) + h2);
        int minute = (int)((mi1 * 10) + mi2);
        int second = (int)((s1 * 10) + s2);
        if (year < 1 || month is < 1 or > 12 || day < 1 || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        bool leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
        int monthDays = month == 2 ? (leap ? 29 : 28) : DaysBeforeMonth[month] - DaysBeforeMonth[month - 1];
        if (day > monthDays)
        {
            return false;
        }

        int y = year - 1;
        long days = (y * 365L) + (y / 4) - (y / 100) + (y / 400) + DaysBeforeMonth[month - 1] + day - 1 + (month > 2 && leap ? 1 : 0);
        ticks = (days * TimeSpan.TicksPerDay) + (hour * TimeSpan.TicksPerHour) + (minute * TimeSpan.TicksPerMinute) + (second * TimeSpan.TicksPerSecond);
        return true;
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
