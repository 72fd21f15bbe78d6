using System.Security.Claims;
using Galen.Serve.Hosting;
using Galen.Serve.Models;
using Galen.Serve.Patients;
using Galen.Serve.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Galen.Serve.Endpoints;

/// <summary>Risk for patients in the clinical store: the dashboard's risk list and patient page.</summary>
public static partial class PatientEndpoints
{
    /// <summary>Most patients one list request may score.</summary>
    public const int MaxListed = 500;

    public static void Map(IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/patients").WithTags("patients").RequireAuthorization(GalenRoles.Policies.Clinical);

        api.MapGet("/", async ([FromQuery] string model, [FromQuery] int? limit, ClaimsPrincipal user, RiskService risk, IServiceProvider services, CancellationToken cancellationToken) =>
            {
                var served = risk.Resolve(model);
                var source = SourceOf(services);
                int take = limit ?? 100;
                if (take is < 1 or > MaxListed)
                {
                    throw new Galen.Core.Errors.GalenInputException($"limit must be between 1 and {MaxListed} (got {take}).");
                }

                var patients = await source.ListPatientsAsync(take, cancellationToken).ConfigureAwait(false);
                var list = new List<PatientRiskSummary>(patients.Count);
                foreach (var patient in patients)
                {
                    var snapshots = await source.GetSnapshotsAsync(patient.PatientId, served, cancellationToken).ConfigureAwait(false);
                    if (snapshots is not { Count: > 0 })
                    {
                        list.Add(new PatientRiskSummary(patient.PatientId, patient.Label, null, null, null));
                        continue;
                    }

                    var current = snapshots[^1];
                    var prediction = await risk.PredictAsync(served, current.Values, current.Input, 0, Caller.NameOf(user), RiskService.Channels.Patient, cancellationToken).ConfigureAwait(false);
                    list.Add(new PatientRiskSummary(patient.PatientId, patient.Label, prediction.Probability, risk.IndicatorOf(prediction.Probability), current.AsOf));
                }

                return list.OrderByDescending(p => p.Probability ?? -1).ToArray();
            })
            .WithSummary("Patients in the store with their current risk, highest first.")
            .Produces<PatientRiskSummary[]>();

        api.MapGet("/{patientId}/risk", async (string patientId, [FromQuery] string model, [FromQuery] int? reasons, ClaimsPrincipal user, RiskService risk, IServiceProvider services, Pseudonyms pseudonyms, ILoggerFactory loggers, CancellationToken cancellationToken) =>
            {
                var served = risk.Resolve(model);
                var source = SourceOf(services);
                var snapshots = await source.GetSnapshotsAsync(patientId, served, cancellationToken).ConfigureAwait(false);
                if (snapshots is not { Count: > 0 })
                {
                    throw new NotFoundException($"The store has no patient {pseudonyms.Of(patientId)} (pseudonym) with data for {served.Entry.Key}.");
                }

                LogPatientRisk(loggers.CreateLogger("Galen.Serve.Patients"), pseudonyms.Of(patientId), served.Entry.Key);
                string actor = Caller.NameOf(user);
                var trend = new List<TrendPoint>(snapshots.Count);
                for (int i = 0; i < snapshots.Count - 1; i++)
                {
                    var earlier = await risk.PredictAsync(served, snapshots[i].Values, snapshots[i].Input, 0, actor, RiskService.Channels.Patient, cancellationToken).ConfigureAwait(false);
                    trend.Add(new TrendPoint(snapshots[i].AsOf, earlier.Probability));
                }

                var current = snapshots[^1];
                var prediction = await risk.PredictAsync(served, current.Values, current.Input, risk.ReasonsOrDefault(reasons), actor, RiskService.Channels.Patient, cancellationToken).ConfigureAwait(false);
                trend.Add(new TrendPoint(current.AsOf, prediction.Probability));
                return new PatientRiskDetail(patientId, served.Id, served.Version, served.Model.Outcome.Description, prediction.Probability, risk.IndicatorOf(prediction.Probability), current.AsOf, prediction.Reasons.Select(ReasonDescription.Of).ToArray(), trend) { ReasonMethod = prediction.ReasonMethod };
            })
            .WithSummary("One patient's current risk from the store, its top reasons and its trend over earlier snapshots.")
            .Produces<PatientRiskDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IPatientFeatureSource SourceOf(IServiceProvider services) =>
        services.GetService<IPatientFeatureSource>() ?? throw new NotConfiguredException(
            "This service has no clinical store to read patients from.",
            "Start it with a store (galen serve --store), or send features directly to /api/models/{id}/predict.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Risk for patient {Pseudonym} with {ModelKey}")]
    private static partial void LogPatientRisk(ILogger logger, string pseudonym, string modelKey);
}
