using System.Diagnostics;
using Galen.Serve.Observability;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Galen.Serve.Hosting;

/// <summary>
/// Times every request, counts it in the metrics and logs one line: method, route template (never
/// the raw path, which can hold a patient id), status, duration and caller.
/// </summary>
public sealed partial class RequestTelemetryMiddleware(RequestDelegate next, ServeMetrics metrics, ILogger<RequestTelemetryMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        long start = Stopwatch.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            string route = RouteOf(context);
            int status = context.Response.StatusCode;
            metrics.RecordRequest(context.Request.Method, route, status, seconds);
            if (logger.IsEnabled(LogLevel.Information))
            {
                LogRequest(logger, context.Request.Method, route, status, seconds * 1000, context.User.Identity?.Name ?? "anonymous");
            }
        }
    }

    /// <summary>The matched route template, <c>static</c> for dashboard files, or <c>unmatched</c>.</summary>
    public static string RouteOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint() is RouteEndpoint endpoint)
        {
            return "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
        }

        return context.Request.Path.StartsWithSegments("/dashboard", StringComparison.Ordinal) ? "/dashboard (static)" : "unmatched";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Route} {Status} in {ElapsedMs:F1} ms by {Caller}")]
    private static partial void LogRequest(ILogger logger, string method, string route, int status, double elapsedMs, string caller);
}
