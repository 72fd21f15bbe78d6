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
    /// Reserved for TorchSharp networks on tabular features. Its loader is added here, as
    /// <c>new GalenBundleLoader(Deep, [deep codec])</c>, once the deep model family writes bundles
    /// with an <see cref="Core.Bundles.IModelCodec"/>; until then such entries are reported as not
    /// loaded (no loader for the format).
    /// </summary>
    public const string Deep = "galen-bundle/deep";

    /// <summary>The loaders of every format this build serves.</summary>
    public static IReadOnlyList<IModelLoader> Loaders() =>
    [
        new GalenBundleLoader(Tabular, TabularBundles.Codecs),
    ];
}
