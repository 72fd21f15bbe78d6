using Galen.Deep.Persistence;
using Galen.Learn.Experiments;
using Galen.Serve.Models;

namespace Galen.Cli.Serving;

/// <summary>
/// The registry formats <c>galen serve</c> can load, one loader each. A registry entry's format
/// picks the loader, so a new model family is served by adding its codec here under a new format.
/// </summary>
public static class ServedBundleFormats
{
    /// <summary>Tabular bundles (ML.NET logistic regression, SVMs, forests, boosting) written by <c>galen train</c> and the demo.</summary>
    public const string Tabular = "galen-bundle/tabular";

    /// <summary>
    /// TorchSharp networks (<see cref="DeepBundleCodec"/>, family <c>deep</c>) written by
    /// <c>galen train --task</c> and the demo: networks on tabular features (the MLP) are served
    /// like tabular models; visit-sequence and time-series networks as
    /// <see cref="SequenceServedModel"/>s, scored for a patient from the store, FHIR or CDS Hooks.
    /// </summary>
    public const string Deep = "galen-bundle/deep";

    /// <summary>The loaders of every format this build serves.</summary>
    public static IReadOnlyList<IModelLoader> Loaders() =>
    [
        new GalenBundleLoader(Tabular, TabularBundles.Codecs),
        new GalenBundleLoader(Deep, [new DeepBundleCodec()]),
    ];
}
