using System.Net.Http.Headers;
using Galen.Serve.Fhir;
using Galen.Serve.Hosting;
using Hl7.Fhir.Model;

namespace Galen.Serve.CdsHooks;

/// <summary>
/// Fetches what a CDS Hooks request did not prefetch from the EHR's FHIR server, with the access
/// token the request carried. Only servers on <see cref="CdsOptions.AllowedFhirServers"/> are
/// contacted, so a request cannot turn the service into a proxy for arbitrary URLs.
/// </summary>
public sealed class FhirServerClient(IHttpClientFactory clients, ServeOptions options, FhirBundleReader reader)
{
    /// <summary>Name of the HttpClient registration (tests point it at an in-memory FHIR server).</summary>
    public const string HttpClientName = "cds-fhir-server";

    /// <summary>True when <paramref name="fhirServer"/> is on the allow-list.</summary>
    public bool IsAllowed(string fhirServer) =>
        options.Cds.AllowedFhirServers.Any(a => string.Equals(a.TrimEnd('/'), fhirServer.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));

    /// <summary>GETs <paramref name="query"/> from <paramref name="fhirServer"/> and parses the resource.</summary>
    public async Task<Resource> FetchAsync(string fhirServer, string query, string? accessToken, CancellationToken cancellationToken)
    {
        if (!IsAllowed(fhirServer))
        {
            throw new PreconditionFailedException("The request's fhirServer is not one this service is allowed to contact, and the prefetch is incomplete.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fhirServer.TrimEnd('/') + "/" + query));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        if (!string.IsNullOrEmpty(accessToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        // A client per call from the factory, so handler lifetimes (and DNS changes) are respected.
        var http = clients.CreateClient(HttpClientName);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new PreconditionFailedException($"The FHIR server answered {(int)response.StatusCode} to a {query.Split('?', 2)[0]} query.");
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return reader.ParseResource(bytes, $"The FHIR server's {query.Split('?', 2)[0]} result");
    }
}
