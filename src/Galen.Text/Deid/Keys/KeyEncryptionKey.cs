using System.Security.Cryptography;
using System.Text;
using Galen.Core.Errors;

namespace Galen.Text.Deid.Keys;

/// <summary>
/// The secret that encrypts the per-patient key store: read from a key file or an environment
/// variable, never written anywhere by Galen. Any bytes will do (a passphrase, base64 text or 32
/// raw bytes); the store's AES key is derived from them with PBKDF2-SHA256 and the store's salt.
/// </summary>
public sealed class KeyEncryptionKey
{
    /// <summary>The environment variable read when no key file is given.</summary>
    public const string EnvironmentVariable = "GALEN_DEID_KEY";

    private readonly byte[] _material;

    private KeyEncryptionKey(byte[] material)
    {
        if (material.Length < 16)
        {
            throw new GalenConfigurationException($"The key-store key is {material.Length} bytes; it needs at least 16.", "Use a longer passphrase or a key file of 32 random bytes (e.g. `head -c 32 /dev/urandom > deid.key`).");
        }

        _material = material;
    }

    /// <summary>A key from raw bytes or passphrase text.</summary>
    public static KeyEncryptionKey FromBytes(ReadOnlySpan<byte> material) => new(material.ToArray());

    /// <summary>A key from a passphrase.</summary>
    public static KeyEncryptionKey FromPassphrase(string passphrase) => new(Encoding.UTF8.GetBytes(passphrase ?? string.Empty));

    /// <summary>The contents of a key file (trailing newlines of a text key are ignored).</summary>
    public static KeyEncryptionKey FromFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new GalenInputException("does not exist.", new SourceLocation(path), "Give the key file that encrypted the key store, or create one with `head -c 32 /dev/urandom > deid.key`.");
        }

        var bytes = File.ReadAllBytes(path);
        int length = bytes.Length;
        while (length > 0 && bytes[length - 1] is (byte)'\n' or (byte)'\r')
        {
            length--;
        }

        return new KeyEncryptionKey(bytes[..length]);
    }

    /// <summary>The key in <see cref="EnvironmentVariable"/>, or null when it is not set.</summary>
    public static KeyEncryptionKey? FromEnvironment()
    {
        string? value = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrEmpty(value) ? null : FromPassphrase(value);
    }

    /// <summary>The 256-bit AES key for a store with this salt.</summary>
    internal byte[] DeriveAesKey(ReadOnlySpan<byte> salt) =>
        Rfc2898DeriveBytes.Pbkdf2(_material, salt, 100_000, HashAlgorithmName.SHA256, 32);
}
