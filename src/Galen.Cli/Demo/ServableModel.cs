using Galen.Serve.Registry;

namespace Galen.Cli.Demo;

/// <summary>A model an earlier demo stage saved as a bundle, ready to register and serve.</summary>
/// <param name="ModelId">Registry id, e.g. <c>in-hospital-mortality</c>.</param>
/// <param name="Format">Bundle format (its loader must be installed in <see cref="Serving.ServeAdapters"/>; tabular bundles: <see cref="Serving.ServedBundleFormats.Tabular"/>).</param>
/// <param name="BundleFile">The bundle file.</param>
/// <param name="Title">The model in words.</param>
/// <param name="Lineage">Data fingerprint, task, configuration and metrics (<see cref="Serving.ServingLineage.ForTask"/> for a task model, so the service can featurize patients for it).</param>
public sealed record ServableModel(string ModelId, string Format, string BundleFile, string Title, ModelLineage Lineage);

/// <summary>What earlier stages offer for serving; a training stage adds its bundles here with <c>context.Set</c>.</summary>
public sealed record ServableModels(IReadOnlyList<ServableModel> Models);
