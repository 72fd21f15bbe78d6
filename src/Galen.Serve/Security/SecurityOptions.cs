namespace Galen.Serve.Security;

/// <summary>How callers authenticate.</summary>
public sealed record SecurityOptions
{
    /// <summary>API keys; only their SHA-256 hashes are held.</summary>
    public IReadOnlyList<ApiKeyGrant> ApiKeys { get; init; } = [];

    /// <summary>JWT bearer settings; null disables bearer tokens.</summary>
    public JwtOptions? Jwt { get; init; }

    /// <summary>Secret for pseudonymous ids in logs (HMAC key); a random one per process when absent.</summary>
    public string? PseudonymKey { get; init; }
}

/// <summary>One API key: who holds it and what it may do. The key itself is never stored.</summary>
/// <param name="Name">Who holds it, e.g. <c>epic-prod</c>; appears in logs and the audit trail.</param>
/// <param name="KeySha256">Hex SHA-256 of the key.</param>
/// <param name="Roles">Roles granted.</param>
public sealed record ApiKeyGrant(string Name, string KeySha256, IReadOnlyList<string> Roles);

/// <summary>Symmetric-key JWT validation settings.</summary>
/// <param name="SigningKey">HMAC-SHA256 key, base64, at least 32 bytes.</param>
/// <param name="Issuer">Required <c>iss</c>.</param>
/// <param name="Audience">Required <c>aud</c>.</param>
public sealed record JwtOptions(string SigningKey, string Issuer, string Audience);
