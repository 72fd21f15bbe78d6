using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Galen.Serve.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Galen.Serve.Security;

/// <summary>
/// Authenticates <c>X-Api-Key: …</c> (or <c>Authorization: ApiKey …</c>) against the hashed keys in
/// <see cref="SecurityOptions.ApiKeys"/>; comparison is constant-time.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ServeOptions serveOptions) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    /// <summary>Scheme name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>Header carrying the key.</summary>
    public const string Header = "X-Api-Key";

    private readonly (byte[] Hash, ApiKeyGrant Grant)[] _grants = serveOptions.Security.ApiKeys
        .Select(g => (Convert.FromHexString(g.KeySha256), g)).ToArray();

    /// <summary>The key in a request, or null.</summary>
    public static string? KeyOf(Microsoft.AspNetCore.Http.HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.TryGetValue(Header, out var value) && value.Count == 1)
        {
            return value[0];
        }

        string? authorization = request.Headers.Authorization;
        return authorization is not null && authorization.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase)
            ? authorization[(SchemeName.Length + 1)..].Trim()
            : null;
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? key = KeyOf(Request);
        if (key is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        ApiKeyGrant? match = null;
        foreach (var (expected, grant) in _grants)
        {
            // Compare against every key so timing says nothing about which one nearly matched.
            if (CryptographicOperations.FixedTimeEquals(hash, expected))
            {
                match = grant;
            }
        }

        if (match is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, "key:" + match.Name) };
        claims.AddRange(match.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var identity = new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
