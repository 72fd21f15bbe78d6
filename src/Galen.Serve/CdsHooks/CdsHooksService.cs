using System.Globalization;
using System.Text;
using System.Text.Json;
using Galen.Core.Errors;
using Galen.Serve.Audit;
using Galen.Serve.Fhir;
using Galen.Serve.Hosting;
using Galen.Serve.Models;

using AuditEvent = Galen.Serve.Audit.AuditEvent;
using Resource = Hl7.Fhir.Model.Resource;

namespace Galen.Serve.CdsHooks;

/// <summary>
/// The CDS Hooks services: one <c>patient-view</c> service per served model (its id is the model
/// id). A call reads the prefetched resources (fetching what is missing from the EHR's FHIR
/// server when allowed), scores the patient, and answers one card with the risk, the top reasons,
/// an indicator by threshold, the model as source and a link to the dashboard.
/// </summary>
public sealed class CdsHooksService(ModelCatalog catalog, RiskService risk, FhirBundleReader reader, FhirPrediction fhir, FhirServerClient fhirServer, AuditLog audit)
{
    /// <summary>Longest card summary CDS Hooks allows is under 140 characters.</summary>
    public const int MaxSummary = 139;

    /// <summary>Discovery: every served model as a patient-view service.</summary>
    public CdsDiscovery Discover() => new(catalog.Models.Values
        .OrderBy(m => m.Id, StringComparer.Ordinal)
        .Select(m => new CdsServiceDescription(
            PatientViewPrefetch.Hook,
            m.Id,
            m.Entry.Title,
            $"Risk of {m.Model.Outcome.Description} from Galen model {m.Entry.Key}, with the top reasons.",
            PatientViewPrefetch.Templates))
        .ToArray());

    /// <summary>Answers a patient-view call on service <paramref name="serviceId"/>.</summary>
    public async Task<CdsResponse> InvokeAsync(string serviceId, JsonElement request, string dashboardBase, string actor, CancellationToken cancellationToken)
    {
        var model = catalog.Find(serviceId) ?? throw new NotFoundException($"No CDS service '{serviceId}'; GET /cds-services lists them.");
        if (request.ValueKind != JsonValueKind.Object)
        {
            throw new GalenInputException("The CDS Hooks request must be a JSON object.");
        }

        string hook = RequiredString(request, "hook");
        if (hook != PatientViewPrefetch.Hook)
        {
            throw new GalenInputException($"Service '{serviceId}' answers the {PatientViewPrefetch.Hook} hook, not '{hook}'.", new SourceLocation("request body", Field: "hook"));
        }

        string hookInstance = RequiredString(request, "hookInstance");
        if (!Guid.TryParse(hookInstance, out _))
        {
            throw new GalenInputException("hookInstance must be a UUID.", new SourceLocation("request body", Field: "hookInstance"));
        }

        if (!request.TryGetProperty("context", out var context) || context.ValueKind != JsonValueKind.Object)
        {
            throw new GalenInputException("The request has no 'context' object.", new SourceLocation("request body", Field: "context"));
        }

        string patientId = RequiredString(context, "patientId", "context.patientId");
        var bundle = await GatherAsync(request, patientId, cancellationToken).ConfigureAwait(false);
        if (bundle.Patient.Id != patientId)
        {
            throw new GalenInputException("The prefetched Patient is not the patient in context.patientId.", new SourceLocation("request body", Field: "prefetch.patient"));
        }

        var prediction = await fhir.ScoreAsync(model, bundle, risk.ReasonsOrDefault(null), actor, RiskService.Channels.CdsHooks, cancellationToken).ConfigureAwait(false);
        return new CdsResponse([CardFor(model, prediction, patientId, dashboardBase)]);
    }

    /// <summary>Records feedback on cards (accepted or overridden) in the audit log.</summary>
    public async Task<int> RecordFeedbackAsync(string serviceId, JsonElement request, string actor, CancellationToken cancellationToken)
    {
        var model = catalog.Find(serviceId) ?? throw new NotFoundException($"No CDS service '{serviceId}'.");
        if (request.ValueKind != JsonValueKind.Object || !request.TryGetProperty("feedback", out var feedback) || feedback.ValueKind != JsonValueKind.Array)
        {
            throw new GalenInputException("Feedback must be an object with a 'feedback' array.", new SourceLocation("request body", Field: "feedback"));
        }

        int index = 0;
        var events = new List<AuditEvent>();
        foreach (var item in feedback.EnumerateArray())
        {
            string field = $"feedback[{index}]";
            string card = RequiredString(item, "card", field + ".card");
            string outcome = RequiredString(item, "outcome", field + ".outcome");
            if (outcome is not ("accepted" or "overridden"))
            {
                throw new GalenInputException($"outcome must be 'accepted' or 'overridden' (got '{outcome}').", new SourceLocation("request body", Field: field + ".outcome"));
            }

            string reason = item.TryGetProperty("overrideReason", out var overrideReason) && overrideReason.TryGetProperty("reason", out var coding) && coding.TryGetProperty("code", out var code)
                ? " reason " + code.GetString()
                : string.Empty;
            events.Add(new AuditEvent(AuditEvent.Actions.CdsFeedback, actor, model.Id, model.Version, null, $"card {card} {outcome}{reason}"));
            index++;
        }

        foreach (var auditEvent in events)
        {
            await audit.AppendAsync(auditEvent, cancellationToken).ConfigureAwait(false);
        }

        return events.Count;
    }

    private CdsCard CardFor(ServedModel model, RiskPrediction prediction, string patientId, string dashboardBase)
    {
        string percent = (prediction.Probability * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
        string summary = $"{percent} risk of {model.Model.Outcome.Description} ({model.Entry.Title})";
        if (summary.Length > MaxSummary)
        {
            summary = summary[..(MaxSummary - 1)] + "…";
        }

        var detail = new StringBuilder();
        detail.Append(CultureInfo.InvariantCulture, $"Estimated risk of **{model.Model.Outcome.Description}**: **{percent}**.");
        if (prediction.Reasons.Count > 0)
        {
            detail.Append("\n\nTop reasons:\n");
            foreach (var reason in prediction.Reasons)
            {
                detail.Append("\n- ").Append(ReasonText.Describe(reason));
            }
        }

        if (prediction.ReasonMethod is { } method)
        {
            detail.Append("\n\n").Append(method);
        }

        detail.Append(CultureInfo.InvariantCulture, $"\n\nModel {model.Entry.Key}. Decision support only; use with clinical judgement.");
        string patientLink = $"{dashboardBase}/dashboard/patient.html?id={Uri.EscapeDataString(patientId)}&model={Uri.EscapeDataString(model.Id)}";
        string cardLink = $"{dashboardBase}/dashboard/model.html?id={Uri.EscapeDataString(model.Id)}";
        return new CdsCard(
            Guid.NewGuid().ToString(),
            summary,
            risk.IndicatorOf(prediction.Probability),
            new CdsSource($"Galen {model.Entry.Key}", cardLink, new CdsCoding("urn:galen:model", model.Entry.Key, model.Entry.Title)),
            detail.ToString(),
            [new CdsLink("Open the risk dashboard", patientLink, "absolute"), new CdsLink("Model card", cardLink, "absolute")]);
    }

    private async Task<ClinicalBundle> GatherAsync(JsonElement request, string patientId, CancellationToken cancellationToken)
    {
        request.TryGetProperty("prefetch", out var prefetch);
        string? server = request.TryGetProperty("fhirServer", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        string? token = request.TryGetProperty("fhirAuthorization", out var authorization) && authorization.ValueKind == JsonValueKind.Object
            && authorization.TryGetProperty("access_token", out var accessToken) ? accessToken.GetString() : null;
        var resources = new List<(Resource Resource, string? FullUrl, string Location)>();
        foreach (var key in PatientViewPrefetch.Templates.Keys)
        {
            if (prefetch.ValueKind == JsonValueKind.Object && prefetch.TryGetProperty(key, out var item) && item.ValueKind == JsonValueKind.Object)
            {
                // The element's own UTF-8 in the request body: nothing is serialised again or copied.
                resources.Add((reader.ParseResource(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(item), $"prefetch.{key}"), null, $"prefetch.{key}"));
            }
            else if (server is not null)
            {
                resources.Add((await fhirServer.FetchAsync(server, PatientViewPrefetch.Query(key, patientId), token, cancellationToken).ConfigureAwait(false), null, $"fhirServer {key}"));
            }
            else
            {
                throw new PreconditionFailedException($"prefetch.{key} is missing and the request names no fhirServer to fetch it from.");
            }
        }

        return reader.Assemble(resources);
    }

    private static string RequiredString(JsonElement element, string name, string? field = null) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new GalenInputException($"'{field ?? name}' is required and must be a non-empty string.", new SourceLocation("request body", Field: field ?? name));
}
