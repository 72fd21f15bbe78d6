using System.Security.Cryptography;
using System.Text;

namespace Galen.Core.Randomness;

/// <summary>
/// Derives independent, reproducible random streams from one configured seed. Each component
/// asks for a stream by name, so adding a new random choice elsewhere never shifts the numbers
/// an existing component draws.
/// </summary>
public static class Seeds
{
    /// <summary>The seed used when a configuration gives none.</summary>
    public const int Default = 42;

    /// <summary>A 32-bit seed derived from <paramref name="seed"/> and a stream name.</summary>
    public static int Derive(int seed, string stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> input = stackalloc byte[4 + Encoding.UTF8.GetMaxByteCount(stream.Length)];
        BitConverter.TryWriteBytes(input, seed);
        int length = 4 + Encoding.UTF8.GetBytes(stream, input[4..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input[..length], hash);
        return BitConverter.ToInt32(hash) & int.MaxValue;
    }

    /// <summary>A <see cref="Random"/> for the named stream. Same seed and name, same sequence.</summary>
    public static Random Stream(int seed, string stream) => new(Derive(seed, stream));
}
