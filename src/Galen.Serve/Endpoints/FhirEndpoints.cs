using System.Security.Claims;
using Galen.Serve.Fhir;
using Galen.Serve.Hosting;
using Galen.Serve.Models;
using Galen.Serve.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Galen.Serve.Endpoints;

/// <summary>FHIR R4: <c>POST /fhir/RiskAssessment/$predict</c>.</summary>
public static class FhirEndpoints
{
    /// <summary>FHIR's JSON media type.</summary>
    public const string FhirJson = "application/fhir+json";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/fhir/RiskAssessment/$predict", async ([FromQuery] string model, [FromQuery] int? reasons, HttpRequest request, ClaimsPrincipal user, RiskService risk, FhirBundleReader reader, FhirPrediction fhir, CancellationToken cancellationToken) =>
            {
                var served = risk.Resolve(model);
                var body = await RequestBody.ReadBytesAsync(request, [FhirJson, "application/json"], cancellationToken).ConfigureAwait(false);
                var bundle = reader.ReadBundle(body);
                var (_, assessment) = await fhir.PredictAsync(served, bundle, risk.ReasonsOrDefault(reasons), Caller.NameOf(user), RiskService.Channels.Fhir, cancellationToken).ConfigureAwait(false);
                return Results.Text(RiskAssessmentBuilder.Serialize(assessment), FhirJson, System.Text.Encoding.UTF8);
            })
            .WithTags("fhir")
            .WithSummary("Takes a FHIR R4 Bundle (Patient, Encounter, Condition, Observation, MedicationRequest/Statement) and returns a RiskAssessment.")
            .Accepts<string>(FhirJson, "application/json")
            .Produces<string>(StatusCodes.Status200OK, FhirJson)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireAuthorization(GalenRoles.Policies.Clinical);
    }
}
