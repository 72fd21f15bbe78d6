using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Galen.Core.Errors;
using Galen.Serve.Audit;
using Galen.Serve.Hosting;
using Galen.Serve.Security;
using Galen.Serve.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Galen.Serve.Endpoints;

/// <summary><c>POST /api/deidentify</c>: clinical text in, de-identified text out.</summary>
public static class DeidentificationEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/deidentify", async (HttpRequest request, ClaimsPrincipal user, IServiceProvider services, AuditLog audit, CancellationToken cancellationToken) =>
            {
                var deidentifier = services.GetService<IDeidentifier>() ?? throw new NotConfiguredException(
                    "This service has no de-identifier installed.", "Serve with Galen.Text's de-identifier.");
                var (document, bytes) = await RequestBody.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
                string text;
                using (document)
                {
                    var root = document.RootElement;
                    if (root.ValueKind != System.Text.Json.JsonValueKind.Object || !root.TryGetProperty("text", out var element) || element.ValueKind != System.Text.Json.JsonValueKind.String)
                    {
                        throw new GalenInputException("The body must be {\"text\": \"…\"}.", new SourceLocation("request body", Field: "text"));
                    }

                    text = element.GetString()!;
                }

                var result = await deidentifier.DeidentifyAsync(text, cancellationToken).ConfigureAwait(false);
                await audit.AppendAsync(new AuditEvent(AuditEvent.Actions.Deidentification, Caller.NameOf(user), InputSha256: Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), Detail: $"{result.Found.Count} identifiers"), cancellationToken).ConfigureAwait(false);
                return new DeidentifyResponse(result.Text, result.Found.Select(f => new PhiFound(f.Start, f.Length, f.Type.ToString())).ToArray());
            })
            .WithTags("text")
            .WithSummary("De-identifies clinical text (HIPAA Safe Harbor identifiers).")
            .Accepts<DeidentifyRequest>("application/json")
            .Produces<DeidentifyResponse>()
            .ProducesProblem(StatusCodes.Status501NotImplemented)
            .RequireAuthorization(GalenRoles.Policies.Science);
    }
}
