using System.Security.Cryptography;
using System.Text;

namespace Galen.Serve.Security;

/// <summary>
/// Turns patient identifiers into stable pseudonyms for logs: the first 12 hex digits of
/// HMAC-SHA256(key, id). The same key gives the same pseudonym, so one patient's requests can be
/// followed through the logs without the logs ever holding the identifier.
/// </summary>
public sealed class Pseudonyms
{
    private readonly byte[] _key;

    public Pseudonyms(string? key)
    {
        _key = string.IsNullOrEmpty(key) ? RandomNumberGenerator.GetBytes(32) : Encoding.UTF8.GetBytes(key);
    }

    /// <summary>The pseudonym of <paramref name="identifier"/>, e.g. <c>p-3f9a0c1d2e4b</c>.</summary>
    public string Of(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(identifier), mac);
        return "p-" + Convert.ToHexStringLower(mac[..6]);
    }
}
