using Galen.Serve.Models;
using Galen.Serve.Observability;
using Galen.Serve.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Galen.Serve.Endpoints;

/// <summary>Liveness, readiness (public) and Prometheus metrics (authenticated).</summary>
public static class OperationsEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health/live", () => Results.Text("live\n"))
            .WithTags("operations").WithSummary("200 while the process answers.").AllowAnonymous().DisableRateLimiting();

        routes.MapGet("/health/ready", (ModelCatalog catalog) =>
            {
                var body = new ReadinessResponse(catalog.Ready, catalog.Models.Values.Select(m => m.Entry.Key).Order(StringComparer.Ordinal).ToArray(), catalog.Problems);
                return catalog.Ready ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .WithTags("operations").WithSummary("200 once every production model is loaded, 503 before.").AllowAnonymous().DisableRateLimiting();

        routes.MapGet("/metrics", (ServeMetrics metrics, ModelCatalog catalog) =>
                Results.Text(metrics.Render(catalog.Models.Count, catalog.Ready), "text/plain; version=0.0.4; charset=utf-8"))
            .WithTags("operations").WithSummary("Prometheus metrics.").RequireAuthorization(GalenRoles.Policies.Science);
    }
}
