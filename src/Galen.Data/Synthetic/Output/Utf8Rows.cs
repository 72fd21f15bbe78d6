using System.Buffers;
using System.Globalization;
using System.Text;

namespace Galen.Data.Synthetic.Output;

/// <summary>
/// Appends CSV rows (RFC 4180 quoting, LF line ends) or raw lines as UTF-8 into a pooled
/// buffer. One instance per table per chunk of patients, so chunks render in parallel and are
/// then written in order.
/// </summary>
internal sealed class Utf8Rows : IDisposable
{
    private byte[] _buffer;
    private int _length;
    private bool _rowStart = true;

    public Utf8Rows(int capacity = 16 * 1024) => _buffer = ArrayPool<byte>.Shared.Rent(capacity);

    /// <summary>Rows (lines) completed so far.</summary>
    public long Rows { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public Utf8Rows Field(string? text)
    {
        Separator();
        if (string.IsNullOrEmpty(text))
        {
            return this;
        }

        bool quote = text.AsSpan().IndexOfAny(",\"\n\r") >= 0;
        if (!quote)
        {
            Text(text);
            return this;
        }

        Put((byte)'"');
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                Text(text.AsSpan(start, i + 1 - start));
                Put((byte)'"');
                start = i + 1;
            }
        }

        Text(text.AsSpan(start));
        Put((byte)'"');
        return this;
    }

    public Utf8Rows Field(long value)
    {
        Separator();
        Ensure(24);
        value.TryFormat(_buffer.AsSpan(_length), out int written, default, CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    public Utf8Rows Field(long? value) => value is { } v ? Field(v) : Empty();

    /// <summary>A number with a fixed count of decimals (same text as <c>ToString("F" + decimals)</c>).</summary>
    public Utf8Rows Field(double value, int decimals)
    {
        Separator();
        Ensure(40);
        _length += FormatFixed(value, decimals, _buffer.AsSpan(_length));
        return this;
    }

    /// <summary>The same fixed-decimal number in two consecutive fields (MIMIC's VALUE and VALUENUM).</summary>
    public Utf8Rows FieldTwice(double value, int decimals)
    {
        Separator();
        Ensure(82);
        var span = _buffer.AsSpan(_length);
        int written = FormatFixed(value, decimals, span);
        span[written] = (byte)',';
        span[..written].CopyTo(span[(written + 1)..]);
        _length += (2 * written) + 1;
        return this;
    }

    /// <summary>
    /// Writes value rounded half away from zero to <paramref name="decimals"/> places, by integer
    /// arithmetic when the scaled value fits comfortably in a long (the common case), otherwise
    /// through the runtime's formatter.
    /// </summary>
    private static int FormatFixed(double value, int decimals, Span<byte> span)
    {
        double scale = decimals switch
        {
            0 => 1,
            1 => 10,
            2 => 100,
            3 => 1000,
            4 => 10000,
            _ => Math.Pow(10, decimals),
        };
        double scaled = Math.Round(value * scale, MidpointRounding.AwayFromZero);
        if (decimals > 6 || double.IsNaN(scaled) || Math.Abs(scaled) > 1e15 || Math.Abs((value * scale) - scaled) > 0.499)
        {
            value.TryFormat(span, out int n, Decimals(decimals), CultureInfo.InvariantCulture);
            return n;
        }

        long units = (long)scaled;
        int length = 0;
        if (units < 0)
        {
            span[length++] = (byte)'-';
            units = -units;
        }

        long divisor = (long)scale;
        long whole = units / divisor;
        long fraction = units % divisor;
        whole.TryFormat(span[length..], out int digits, default, CultureInfo.InvariantCulture);
        length += digits;
        if (decimals > 0)
        {
            span[length++] = (byte)'.';
            for (int i = decimals - 1; i >= 0; i--)
            {
                span[length + i] = (byte)('0' + (fraction % 10));
                fraction /= 10;
            }

            length += decimals;
        }

        return length;
    }

    /// <summary>A number in its shortest round-trip form (for probabilities).</summary>
    public Utf8Rows Field(double value)
    {
        Separator();
        Ensure(40);
        value.TryFormat(_buffer.AsSpan(_length), out int written, default, CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    public Utf8Rows Field(double? value) => value is { } v ? Field(v) : Empty();

    public Utf8Rows Field(bool value) => Field(value ? 1L : 0L);

    /// <summary>yyyy-MM-dd HH:mm:ss.</summary>
    public Utf8Rows Time(DateTime time)
    {
        Separator();
        Ensure(19);
        var span = _buffer.AsSpan(_length);
        WriteDate(span, time);
        span[10] = (byte)' ';
        Two(span[11..], time.Hour);
        span[13] = (byte)':';
        Two(span[14..], time.Minute);
        span[16] = (byte)':';
        Two(span[17..], time.Second);
        _length += 19;
        return this;
    }

    public Utf8Rows Time(DateTime? time) => time is { } t ? Time(t) : Empty();

    /// <summary>yyyy-MM-dd.</summary>
    public Utf8Rows Date(DateTime date)
    {
        Separator();
        Ensure(10);
        WriteDate(_buffer.AsSpan(_length), date);
        _length += 10;
        return this;
    }

    public Utf8Rows Date(DateTime? date) => date is { } d ? Date(d) : Empty();

    public Utf8Rows Empty()
    {
        Separator();
        return this;
    }

    public void EndRow()
    {
        Put((byte)'\n');
        _rowStart = true;
        Rows++;
    }

    /// <summary>Appends a whole line of already-encoded bytes (NDJSON, JSONL) and ends it.</summary>
    public void Line(ReadOnlySpan<byte> utf8)
    {
        Ensure(utf8.Length + 1);
        utf8.CopyTo(_buffer.AsSpan(_length));
        _length += utf8.Length;
        EndRow();
    }

    /// <summary>Appends text without a separator or quoting (building JSON lines by hand).</summary>
    public Utf8Rows Raw(string text)
    {
        Text(text);
        return this;
    }

    public Utf8Rows Raw(long value)
    {
        Ensure(24);
        value.TryFormat(_buffer.AsSpan(_length), out int written, default, CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private static string Decimals(int decimals) => decimals switch
    {
        0 => "F0",
        1 => "F1",
        2 => "F2",
        3 => "F3",
        _ => "F" + decimals.ToString(CultureInfo.InvariantCulture),
    };

    private void Separator()
    {
        if (!_rowStart)
        {
            Put((byte)',');
        }

        _rowStart = false;
    }

    private void Text(ReadOnlySpan<char> text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
    }

    private void Put(byte b)
    {
        Ensure(1);
        _buffer[_length++] = b;
    }

    private void Ensure(int extra)
    {
        if (_length + extra <= _buffer.Length)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + extra));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    private static void WriteDate(Span<byte> span, DateTime date)
    {
        int year = date.Year;
        span[0] = (byte)('0' + (year / 1000));
        span[1] = (byte)('0' + (year / 100 % 10));
        span[2] = (byte)('0' + (year / 10 % 10));
        span[3] = (byte)('0' + (year % 10));
        span[4] = (byte)'-';
        Two(span[5..], date.Month);
        span[7] = (byte)'-';
        Two(span[8..], date.Day);
    }

    private static void Two(Span<byte> span, int value)
    {
        span[0] = (byte)('0' + (value / 10));
        span[1] = (byte)('0' + (value % 10));
    }
}
