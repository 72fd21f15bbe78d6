using Galen.Core.Errors;
using Galen.Data.Scoring;
using Galen.Data.Store;
using Galen.Serve.Fhir;
using Galen.Serve.Hosting;
using Galen.Serve.Models;
using Galen.Serve.Patients;
using Galen.Serve.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Galen.Cli.Serving;

/// <summary>
/// The one place where <c>galen serve</c> plugs the other layers into the service: a model loader
/// per bundle format (<see cref="ServedBundleFormats"/>: Galen.Core's bundle container with each
/// family's codec), the clinical store (<see cref="StorePatientFeatureSource"/>, when a store is
/// given), the FHIR feature extractor (<see cref="FhirTaskFeatureExtractor"/>, Galen.Data's task
/// featurizer over an in-memory timeline) and the de-identifier (<see cref="TextDeidentifier"/>,
/// Galen.Text).
/// </summary>
public static class ServeAdapters
{
    /// <summary>Registers every adapter; <paramref name="storePath"/> (an existing store file) enables the patient endpoints and the dashboard's patient list.</summary>
    public static void Install(IServiceCollection services, ServeOptions options, string? storePath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var loader in ServedBundleFormats.Loaders())
        {
            services.AddSingleton(loader);
        }

        services.AddSingleton<ServedTaskFeaturizers>();
        services.AddSingleton<IFhirFeatureExtractor, FhirTaskFeatureExtractor>();
        services.AddSingleton<IDeidentifier, TextDeidentifier>();
        if (storePath is not null)
        {
            string path = Path.GetFullPath(storePath);
            if (!File.Exists(path))
            {
                // Opening a missing file would create an empty store and serve nobody, silently.
                throw new GalenConfigurationException($"The clinical store {storePath} does not exist.", "Give the store file that `galen ingest --db` or `galen demo` wrote.");
            }

            services.AddSingleton(_ => ClinicalStore.Open(path));
            services.AddSingleton(provider => new StorePatientReader(provider.GetRequiredService<ClinicalStore>()));
            services.AddSingleton<IPatientFeatureSource, StorePatientFeatureSource>();
        }
    }
}
