using Galen.Serve.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Galen.Cli.Serving;

/// <summary>
/// The one place where <c>galen serve</c> plugs the other layers into the service: a model loader
/// per bundle format (<see cref="Galen.Serve.Models.IModelLoader"/>), the clinical store
/// (<see cref="Galen.Serve.Patients.IPatientFeatureSource"/>), the FHIR feature extractor
/// (<see cref="Galen.Serve.Fhir.IFhirFeatureExtractor"/>) and the de-identifier
/// (<see cref="Galen.Serve.Text.IDeidentifier"/>). Each adapter lives with the layer it adapts
/// (bundles and trainers, the data store, Galen.Text) and is registered here; until one is, the
/// endpoints that need it answer 501 and models of an unknown format are reported as not loaded.
/// </summary>
public static class ServeAdapters
{
    /// <summary>Registers every adapter available in this build.</summary>
    public static void Install(IServiceCollection services, ServeOptions options, string? storePath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        _ = storePath;
    }
}
