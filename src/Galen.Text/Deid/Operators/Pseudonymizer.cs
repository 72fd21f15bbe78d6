using System.Security.Cryptography;
using System.Text;
using Galen.Core.Privacy;

namespace Galen.Text.Deid.Operators;

/// <summary>
/// Keyed pseudonyms for identifiers: HMAC-SHA256 of the identifier's type and normalised value
/// (letters and digits, upper case) under the store's pseudonym key. The same identifier gets the
/// same pseudonym in every note and table while the key is the same; without the key the
/// pseudonym cannot be recomputed or reversed. Pseudonyms keep the original's shape: digits
/// become digits, letters letters, punctuation stays.
/// </summary>
public sealed class Pseudonymizer(byte[] key)
{
    /// <summary>The 32-byte HMAC of a typed value.</summary>
    public byte[] Hash(string kind, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var normalised = new StringBuilder(kind.Length + value.Length + 1).Append(kind).Append('|');
        foreach (char c in value)
        {
            if (char.IsLetterOrDigit(c))
            {
                normalised.Append(char.ToUpperInvariant(c));
            }
        }

        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(normalised.ToString()));
    }

    /// <summary>A pseudonym of <paramref name="value"/> with the same shape (digits, letters, punctuation).</summary>
    public string ShapePreserving(PhiType type, string value)
    {
        var hash = Hash(type.ToString(), value);
        var result = new StringBuilder(value.Length);
        int k = 0;
        foreach (char c in value)
        {
            if (!char.IsLetterOrDigit(c))
            {
                result.Append(c);
                continue;
            }

            // Only letters and digits draw from the hash, so "617-555-0123" and "(617) 555 0123" agree.
            byte b = hash[k++ % hash.Length];
            if (k % hash.Length == 0)
            {
                hash = HMACSHA256.HashData(key, hash);
            }

            result.Append(char.IsAsciiDigit(c) ? (char)('0' + (b % 10))
                : char.IsAsciiLetterUpper(c) ? (char)('A' + (b % 26))
                : char.IsAsciiLetterLower(c) ? (char)('a' + (b % 26))
                : char.IsLetter(c) ? (char)('a' + (b % 26))
                : c);
        }

        return result.ToString();
    }

    /// <summary>A short hexadecimal pseudonym, e.g. for patient keys ("P-3f9a…").</summary>
    public string Token(string kind, string value, int hexDigits = 16) =>
        Convert.ToHexStringLower(Hash(kind, value))[..hexDigits];

    /// <summary>The pseudonym of a patient key, shared by notes and tables.</summary>
    public string PatientKey(string patientKey) => "P-" + Token("patient", patientKey);

    /// <summary>A pseudonymous e-mail address at example.org.</summary>
    public string Email(string email) => "user-" + Token(nameof(PhiType.Email), email, 10) + "@example.org";

    /// <summary>A pseudonymous URL at example.org.</summary>
    public string Url(string url) => "https://example.org/" + Token(nameof(PhiType.Url), url, 12);

    /// <summary>A pseudonymous address in a private range (10.0.0.0/8 or fd00::/8).</summary>
    public string IpAddress(string ip)
    {
        var hash = Hash(nameof(PhiType.IpAddress), ip);
        return ip.Contains(':', StringComparison.Ordinal)
            ? $"fd00::{hash[0]:x2}{hash[1]:x2}:{hash[2]:x2}{hash[3]:x2}"
            : $"10.{hash[0]}.{hash[1]}.{hash[2]}";
    }
}
