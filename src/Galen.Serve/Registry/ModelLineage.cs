namespace Galen.Serve.Registry;

/// <summary>
/// Where a model version came from: enough to reproduce it and to judge it.
/// </summary>
/// <param name="DataFingerprint">Hash of the training data (e.g. SHA-256 of the store extract), as the trainer reported it.</param>
/// <param name="TaskParameters">The task that made the samples (name, window, outcome definition).</param>
/// <param name="Configuration">The trainer's settings, including its seed.</param>
/// <param name="Metrics">Held-out metrics by name, e.g. <c>auroc</c>.</param>
public sealed record ModelLineage(
    string DataFingerprint,
    IReadOnlyDictionary<string, string> TaskParameters,
    IReadOnlyDictionary<string, string> Configuration,
    IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>Lineage with nothing recorded but the data fingerprint.</summary>
    public static ModelLineage Of(string dataFingerprint) =>
        new(dataFingerprint, new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, double>());
}
