using System.Security.Cryptography;
using System.Text;

namespace Galen.Serve.Security;

/// <summary>Makes and hashes API keys.</summary>
public static class ApiKeys
{
    /// <summary>Prefix that makes a Galen key recognisable in a secret scanner.</summary>
    public const string Prefix = "glk_";

    /// <summary>A new random key (256 bits).</summary>
    public static string Generate() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>Hex SHA-256 of a key, as held in configuration.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
