using System.Security.Claims;
using Galen.Serve.CdsHooks;
using Galen.Serve.Hosting;
using Galen.Serve.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Galen.Serve.Endpoints;

/// <summary>CDS Hooks: discovery (public, as the specification expects), service calls and feedback.</summary>
public static class CdsHooksEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, ServeOptions options)
    {
        var cds = routes.MapGroup("/cds-services").WithTags("cds-hooks");

        cds.MapGet("/", (CdsHooksService service) => service.Discover())
            .WithSummary("CDS Hooks discovery: one patient-view service per served model.")
            .Produces<CdsDiscovery>()
            .AllowAnonymous();

        cds.MapPost("/{serviceId}", async (string serviceId, HttpRequest request, ClaimsPrincipal user, CdsHooksService service, CancellationToken cancellationToken) =>
            {
                var (document, _) = await RequestBody.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
                using (document)
                {
                    string dashboard = options.Cds.DashboardBaseUrl?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}";
                    return await service.InvokeAsync(serviceId, document.RootElement, dashboard, Caller.NameOf(user), cancellationToken).ConfigureAwait(false);
                }
            })
            .WithSummary("Calls a patient-view service: one card with the risk, top reasons, indicator, source and dashboard link.")
            .Produces<CdsResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .RequireAuthorization(GalenRoles.Policies.Clinical);

        cds.MapPost("/{serviceId}/feedback", async (string serviceId, HttpRequest request, ClaimsPrincipal user, CdsHooksService service, CancellationToken cancellationToken) =>
            {
                var (document, _) = await RequestBody.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
                using (document)
                {
                    await service.RecordFeedbackAsync(serviceId, document.RootElement, Caller.NameOf(user), cancellationToken).ConfigureAwait(false);
                    return Results.Ok();
                }
            })
            .WithSummary("CDS Hooks feedback: whether each card was accepted or overridden (recorded in the audit log).")
            .RequireAuthorization(GalenRoles.Policies.Clinical);
    }
}
