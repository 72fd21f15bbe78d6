using Galen.Core.Learning;
using Galen.Serve.Hosting;
using Galen.Serve.Registry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Galen.Serve.Models;

/// <summary>
/// The models being served: the production version of every model id in the registry, loaded
/// through the loader for its bundle format. Watches the registry's HEAD file and reloads when a
/// version is registered, promoted or rolled back. A version that fails to load (bad bundle, no
/// loader) never replaces the one being served; the previous version keeps serving.
/// </summary>
public sealed partial class ModelCatalog(
    ModelRegistry registry,
    IEnumerable<IModelLoader> loaders,
    ServeOptions options,
    ILogger<ModelCatalog> logger) : BackgroundService
{
    private readonly Dictionary<string, IModelLoader> _loaders = loaders.ToDictionary(l => l.Format, StringComparer.Ordinal);
    private readonly Lock _reloadGate = new();
    private volatile Snapshot _snapshot = new(new Dictionary<string, ServedModel>(StringComparer.Ordinal), [], Unserved: 0, Loaded: false);
    private string? _head;

    /// <summary>Served models by id.</summary>
    public IReadOnlyDictionary<string, ServedModel> Models => _snapshot.Models;

    /// <summary>
    /// True once every production model id has a version being served (the production one, or the
    /// previous one while a newer version fails to load) and there is at least one.
    /// </summary>
    public bool Ready => _snapshot is { Loaded: true, Unserved: 0 } && _snapshot.Models.Count > 0;

    /// <summary>Why the catalog is not ready, or why a newer version is not served.</summary>
    public IReadOnlyList<string> Problems => _snapshot.Problems;

    /// <summary>The served model with id <paramref name="modelId"/>, or null.</summary>
    public ServedModel? Find(string modelId) => _snapshot.Models.GetValueOrDefault(modelId);

    /// <summary>Reads the registry and loads whatever production versions changed.</summary>
    public void Reload(CancellationToken cancellationToken = default)
    {
        lock (_reloadGate)
        {
            var current = _snapshot.Models;
            var next = new Dictionary<string, ServedModel>(StringComparer.Ordinal);
            var problems = new List<string>();
            var production = registry.Production();
            foreach (var entry in production)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (current.TryGetValue(entry.ModelId, out var served) && served.Version == entry.Version)
                {
                    next[entry.ModelId] = served;
                    continue;
                }

                try
                {
                    next[entry.ModelId] = Load(entry, cancellationToken);
                    LogLoaded(logger, entry.Key, entry.Format);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    string problem = $"{entry.Key} could not be loaded: {e.Message}";
                    problems.Add(problem);
                    LogLoadFailed(logger, entry.Key, e.Message);
                    if (served is not null)
                    {
                        // Keep serving the version that worked until the new one loads.
                        next[entry.ModelId] = served;
                    }
                }
            }

            _snapshot = new Snapshot(next, problems, Unserved: production.Count - next.Count, Loaded: true);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting (liveness answers) while models load.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            string? head = ReadHead();
            if (!_snapshot.Loaded || head != _head)
            {
                _head = head;
                try
                {
                    Reload(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogReloadFailed(logger, e.Message);
                }
            }

            try
            {
                await Task.Delay(options.ReloadInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private ServedModel Load(RegistryEntry entry, CancellationToken cancellationToken)
    {
        if (!_loaders.TryGetValue(entry.Format, out var loader))
        {
            throw new InvalidOperationException($"no loader for bundle format '{entry.Format}' is installed (installed: {string.Join(", ", _loaders.Keys.Order(StringComparer.Ordinal))}).");
        }

        var (sha, _) = ModelRegistry.HashFile(entry.BundlePath);
        if (!string.Equals(sha, entry.BundleSha256, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"the bundle file's SHA-256 {sha[..12]}… does not match the registered {entry.BundleSha256[..12]}…; it was changed after registration.");
        }

        var model = loader.Load(entry, cancellationToken);
        if (model.Outcome.Kind != LabelKind.Binary)
        {
            throw new NotSupportedException($"it predicts a {model.Outcome.Kind} outcome; the service serves binary risk models.");
        }

        return new ServedModel(entry, model);
    }

    private string? ReadHead()
    {
        try
        {
            return File.Exists(registry.Options.HeadPath) ? File.ReadAllText(registry.Options.HeadPath) : null;
        }
        catch (IOException)
        {
            return _head;
        }
    }

    private sealed record Snapshot(IReadOnlyDictionary<string, ServedModel> Models, IReadOnlyList<string> Problems, int Unserved, bool Loaded);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving {ModelKey} ({Format}).")]
    private static partial void LogLoaded(ILogger logger, string modelKey, string format);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model {ModelKey} was not loaded: {Problem}")]
    private static partial void LogLoadFailed(ILogger logger, string modelKey, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the registry failed: {Problem}")]
    private static partial void LogReloadFailed(ILogger logger, string problem);
}
