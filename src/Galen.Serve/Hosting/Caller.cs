using System.Security.Claims;

namespace Galen.Serve.Hosting;

/// <summary>Who is calling, in the form logs and audit records use.</summary>
public static class Caller
{
    /// <summary>The authenticated name (<c>key:NAME</c> or a token's subject), or <c>anonymous</c>.</summary>
    public static string NameOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity is { IsAuthenticated: true, Name: { } name } ? name : "anonymous";
    }
}
