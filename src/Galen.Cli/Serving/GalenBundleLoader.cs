using Galen.Core.Bundles;
using Galen.Core.Learning;
using Galen.Serve.Models;
using Galen.Serve.Registry;

namespace Galen.Cli.Serving;

/// <summary>
/// Loads registered Galen model bundles (the <see cref="ModelBundle"/> container) whose payload
/// one of <paramref name="codecs"/> reads: models of tabular features as
/// <see cref="BundleServedModel"/>s, visit-sequence and time-series networks as
/// <see cref="SequenceServedModel"/>s. One loader per registry format (see
/// <see cref="ServedBundleFormats"/>). Each model predicts once on an empty row (or a patient
/// without data) while loading, so a model that cannot predict is never served and the first
/// real request does not pay for warming up.
/// </summary>
public sealed class GalenBundleLoader(string format, IReadOnlyList<IModelCodec> codecs) : IModelLoader
{
    public string Format => format;

    public IServedModel Load(RegistryEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var bundle = ModelBundle.Load(entry.BundlePath, codecs);
        if (bundle.Model is Deep.Models.VisitSequenceModel or Deep.Models.TimeSeriesModel)
        {
            var network = new SequenceServedModel(bundle);
            try
            {
                network.WarmUp();
            }
            catch
            {
                network.Dispose();
                throw;
            }

            return network;
        }

        var model = new BundleServedModel(bundle);
        var empty = new float[model.Features.Count];
        Array.Fill(empty, float.NaN);
        model.Predict(new FeatureMatrix(model.Features, empty), model.Explains ? 3 : 0);
        return model;
    }
}
