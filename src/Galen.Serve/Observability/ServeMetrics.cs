using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Galen.Serve.Observability;

/// <summary>
/// The service's metrics, written in the Prometheus text format at <c>/metrics</c>: request counts
/// and latency by route, prediction counts by model, version and channel, and the distribution
/// of predicted risks per model (a drifting score distribution is the first sign of data drift).
/// Labels never hold patient data: routes are templates, not paths.
/// </summary>
public sealed class ServeMetrics
{
    private readonly ConcurrentDictionary<(string Method, string Route, int Status), long[]> _requests = new();
    private readonly ConcurrentDictionary<string, Histogram> _latency = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Model, int Version, string Channel), long[]> _predictions = new();
    private readonly ConcurrentDictionary<(string Model, int Version), Histogram> _scores = new();
    private readonly ConcurrentDictionary<string, long[]> _rejectedRows = new(StringComparer.Ordinal);

    /// <summary>Records one finished request.</summary>
    public void RecordRequest(string method, string route, int status, double seconds)
    {
        Interlocked.Increment(ref _requests.GetOrAdd((method, route, status), _ => new long[1])[0]);
        _latency.GetOrAdd(route, _ => new Histogram(Histogram.LatencySeconds)).Observe(seconds);
    }

    /// <summary>Records predictions made by a model version through a channel (rest, fhir, cds, batch, dashboard).</summary>
    public void RecordPrediction(string model, int version, string channel, double probability)
    {
        Interlocked.Increment(ref _predictions.GetOrAdd((model, version, channel), _ => new long[1])[0]);
        _scores.GetOrAdd((model, version), _ => new Histogram(Histogram.Probability)).Observe(probability);
    }

    /// <summary>Records rows of a batch that could not be scored.</summary>
    public void RecordRejectedRows(string model, long rows) =>
        Interlocked.Add(ref _rejectedRows.GetOrAdd(model, _ => new long[1])[0], rows);

    /// <summary>All metrics in the Prometheus text exposition format (version 0.0.4).</summary>
    public string Render(int modelsServed, bool ready)
    {
        var text = new StringBuilder();
        text.Append("# HELP galen_http_requests_total HTTP requests by method, route template and status.\n# TYPE galen_http_requests_total counter\n");
        foreach (var ((method, route, status), count) in _requests.OrderBy(r => r.Key.Route, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"galen_http_requests_total{{method=\"{method}\",route=\"{Escape(route)}\",status=\"{status}\"}} {Interlocked.Read(ref count[0])}\n");
        }

        text.Append("# HELP galen_http_request_duration_seconds Time from request start to response end, by route template.\n# TYPE galen_http_request_duration_seconds histogram\n");
        foreach (var (route, histogram) in _latency.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            histogram.WriteTo(text, "galen_http_request_duration_seconds", $"route=\"{Escape(route)}\"");
        }

        text.Append("# HELP galen_predictions_total Predictions by model, version and channel.\n# TYPE galen_predictions_total counter\n");
        foreach (var ((model, version, channel), count) in _predictions.OrderBy(p => p.Key.Model, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"galen_predictions_total{{model=\"{Escape(model)}\",version=\"{version}\",channel=\"{channel}\"}} {Interlocked.Read(ref count[0])}\n");
        }

        text.Append("# HELP galen_prediction_score Distribution of predicted risks by model and version.\n# TYPE galen_prediction_score histogram\n");
        foreach (var ((model, version), histogram) in _scores.OrderBy(s => s.Key.Model, StringComparer.Ordinal))
        {
            histogram.WriteTo(text, "galen_prediction_score", $"model=\"{Escape(model)}\",version=\"{version}\"");
        }

        text.Append("# HELP galen_batch_rejected_rows_total Batch rows that could not be scored, by model.\n# TYPE galen_batch_rejected_rows_total counter\n");
        foreach (var (model, count) in _rejectedRows)
        {
            text.Append(CultureInfo.InvariantCulture, $"galen_batch_rejected_rows_total{{model=\"{Escape(model)}\"}} {Interlocked.Read(ref count[0])}\n");
        }

        text.Append("# HELP galen_models_served Models being served.\n# TYPE galen_models_served gauge\n");
        text.Append(CultureInfo.InvariantCulture, $"galen_models_served {modelsServed}\n");
        text.Append("# HELP galen_ready 1 when every production model is loaded.\n# TYPE galen_ready gauge\n");
        text.Append(CultureInfo.InvariantCulture, $"galen_ready {(ready ? 1 : 0)}\n");
        return text.ToString();
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
