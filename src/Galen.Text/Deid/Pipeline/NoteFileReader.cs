using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Galen.Text.Deid.Pipeline;

/// <summary>
/// Reads a note file as strict UTF-8 text, or says in one PHI-free sentence why it cannot: empty,
/// too large, binary, not UTF-8 (with the offset of the first bad byte), or a line too long.
/// </summary>
public static class NoteFileReader
{
    /// <summary>The text, or null and the problem.</summary>
    public static (string? Text, string? Problem) Read(string path, NoteReadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        long length;
        try
        {
            length = new FileInfo(path).Length;
        }
        catch (IOException e)
        {
            return (null, "cannot be read: " + e.GetType().Name);
        }

        if (length == 0)
        {
            return (null, "is empty");
        }

        if (length > limits.MaxBytes)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"is {length:N0} bytes, more than the limit of {limits.MaxBytes:N0} (--max-bytes)"));
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, "cannot be read: " + e.GetType().Name);
        }

        return Decode(bytes, limits);
    }

    /// <summary>Decodes and checks bytes already read.</summary>
    public static (string? Text, string? Problem) Decode(ReadOnlySpan<byte> bytes, NoteReadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (bytes.IsEmpty)
        {
            return (null, "is empty");
        }

        var head = bytes[..Math.Min(bytes.Length, 8192)];
        int nul = head.IndexOf((byte)0);
        if (nul >= 0)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"looks binary (a NUL byte at offset {nul}), not text"));
        }

        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            bytes = bytes[3..];
        }

        var chars = ArrayPool<char>.Shared.Rent(bytes.Length + 1);
        try
        {
            var status = Utf8.ToUtf16(bytes, chars, out int read, out int written, replaceInvalidSequences: false);
            if (status != System.Buffers.OperationStatus.Done)
            {
                return (null, string.Create(CultureInfo.InvariantCulture, $"is not valid UTF-8 text (first bad byte at offset {read})"));
            }

            int control = 0;
            int line = 1;
            int lineLength = 0;
            for (int i = 0; i < written; i++)
            {
                char c = chars[i];
                if (c == '\n')
                {
                    line++;
                    lineLength = 0;
                    continue;
                }

                if (++lineLength > limits.MaxLineCharacters)
                {
                    return (null, string.Create(CultureInfo.InvariantCulture, $"has a line longer than {limits.MaxLineCharacters:N0} characters (line {line}; --max-line)"));
                }

                if (char.IsControl(c) && c is not '\r' and not '\t' and not '\f')
                {
                    control++;
                }
            }

            if (control > written / 20)
            {
                return (null, string.Create(CultureInfo.InvariantCulture, $"looks binary ({control:N0} control characters), not text"));
            }

            return (new string(chars, 0, written), null);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Strict UTF-8 without a byte-order mark, for writing.</summary>
    public static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
