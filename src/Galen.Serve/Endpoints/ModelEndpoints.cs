using System.Security.Claims;
using Galen.Core.Errors;
using Galen.Serve.Batch;
using Galen.Serve.Hosting;
using Galen.Serve.Models;
using Galen.Serve.Registry;
using Galen.Serve.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Galen.Serve.Endpoints;

/// <summary>Models: list, card, predict from JSON features, batch scoring, and who-am-I.</summary>
public static class ModelEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, ServeOptions options)
    {
        var api = routes.MapGroup("/api").WithTags("models");

        api.MapGet("/whoami", (ClaimsPrincipal user) => new CallerDescription(
                Caller.NameOf(user),
                user.FindAll(ClaimTypes.Role).Select(c => c.Value).Concat(user.FindAll("role").Select(c => c.Value)).Distinct(StringComparer.Ordinal).ToArray()))
            .WithSummary("The authenticated caller and roles (also the benchmark's authenticated no-op).")
            .RequireAuthorization(GalenRoles.Policies.Clinical);

        api.MapGet("/models", (ModelCatalog catalog) => catalog.Models.Values
                .OrderBy(m => m.Id, StringComparer.Ordinal)
                .Select(m => new ModelSummary(m.Id, m.Version, m.Entry.Title, m.Model.Outcome.Description, m.Model.Description, m.Features.Count, m.Entry.RegisteredAt))
                .ToArray())
            .WithSummary("Models being served (the production version of each).")
            .RequireAuthorization(GalenRoles.Policies.Clinical);

        api.MapGet("/models/{modelId}", (string modelId, RiskService risk, ModelRegistry registry) =>
            {
                var model = risk.Resolve(modelId);
                var history = registry.History(modelId)
                    .Select(c => new StageChangeDescription(c.Version, c.From is null ? null : ModelRegistry.StageName(c.From.Value), ModelRegistry.StageName(c.To), c.Actor, c.At, c.Reason))
                    .ToArray();
                return new ModelCardResponse(
                    model.Id, model.Version, model.Entry.Title, model.Model.Description,
                    new OutcomeDescription(model.Model.Outcome.Name, model.Model.Outcome.Description),
                    model.Model.Card,
                    model.Features.Select(FeatureDescription.Of).ToArray(),
                    LineageDescription.Of(model.Entry),
                    history);
            })
            .WithSummary("The model card of the served version: intended use, metrics, features, lineage and stage history.")
            .Produces<ModelCardResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(GalenRoles.Policies.Clinical);

        api.MapPost("/models/{modelId}/predict", async (string modelId, HttpRequest request, ClaimsPrincipal user, RiskService risk, CancellationToken cancellationToken) =>
            {
                var model = risk.Resolve(modelId);
                var (document, _) = await RequestBody.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
                using (document)
                {
                    var root = document.RootElement;
                    if (root.ValueKind != System.Text.Json.JsonValueKind.Object || !root.TryGetProperty("features", out var features))
                    {
                        throw new GalenInputException("The body must be an object with a 'features' object.", new SourceLocation("request body", Field: "features"));
                    }

                    foreach (var property in root.EnumerateObject())
                    {
                        if (property.Name is not ("features" or "reasons"))
                        {
                            throw new GalenInputException($"Unknown field '{property.Name}'; the body has 'features' and optionally 'reasons'.", new SourceLocation("request body", Field: property.Name));
                        }
                    }

                    int? requested = null;
                    if (root.TryGetProperty("reasons", out var reasonsElement))
                    {
                        requested = reasonsElement.ValueKind == System.Text.Json.JsonValueKind.Number && reasonsElement.TryGetInt32(out int n)
                            ? n
                            : throw new GalenInputException("'reasons' must be a whole number.", new SourceLocation("request body", Field: "reasons"));
                    }

                    var row = FeatureRowReader.Read(features, model);
                    var prediction = await risk.PredictAsync(model, row, risk.ReasonsOrDefault(requested), Caller.NameOf(user), RiskService.Channels.Rest, cancellationToken).ConfigureAwait(false);
                    return new PredictionResponse(model.Id, model.Version, model.Model.Outcome.Description, prediction.Probability, risk.IndicatorOf(prediction.Probability), prediction.Reasons.Select(ReasonDescription.Of).ToArray());
                }
            })
            .WithSummary("Predicts the risk for one patient's features, with the top reasons.")
            .Accepts<PredictRequest>("application/json")
            .Produces<PredictionResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(GalenRoles.Policies.Clinical);

        api.MapPost("/models/{modelId}/batch", async (string modelId, [FromQuery] int? reasons, HttpContext context, RiskService risk, BatchScorer scorer) =>
            {
                var model = risk.Resolve(modelId);
                var format = BatchScorer.FormatOf(context.Request);
                await scorer.ScoreAsync(model, format, context.Request.Body, context.Response, risk.ReasonsOrDefault(reasons ?? 0), Caller.NameOf(context.User), context.RequestAborted).ConfigureAwait(false);
            })
            .WithSummary("Scores a CSV (header row of feature names, optional 'id' column) or NDJSON stream; answers NDJSON, one line per input row, then a summary line.")
            .Accepts<string>("text/csv", "application/x-ndjson")
            .Produces<string>(StatusCodes.Status200OK, "application/x-ndjson")
            .WithMetadata(new BodySizeLimit(options.MaxBatchBodyBytes))
            .RequireAuthorization(GalenRoles.Policies.Science);
    }
}
