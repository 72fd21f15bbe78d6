using Galen.Serve.Security;

namespace Galen.Serve.Hosting;

/// <summary>Everything <c>galen serve</c> can be told. Defaults are safe for a laptop: loopback only.</summary>
public sealed record ServeOptions
{
    /// <summary>Address to listen on; 127.0.0.1 unless the operator decides otherwise.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Port to listen on; 0 picks a free one.</summary>
    public int Port { get; init; } = 8470;

    /// <summary>The model registry's folder.</summary>
    public required string RegistryRoot { get; init; }

    /// <summary>The audit log; defaults to <c>audit/audit.jsonl</c> inside the registry.</summary>
    public string? AuditLogPath { get; init; }

    /// <summary>API keys and JWT settings.</summary>
    public SecurityOptions Security { get; init; } = new();

    /// <summary>Largest request body accepted, except batch scoring (bytes).</summary>
    public long MaxRequestBodyBytes { get; init; } = 1 << 20;

    /// <summary>Largest batch-scoring body accepted (bytes); batches are streamed, so memory stays bounded.</summary>
    public long MaxBatchBodyBytes { get; init; } = 1L << 30;

    /// <summary>Requests per second allowed for each caller (API key, token subject, or address when anonymous).</summary>
    public int RequestsPerSecond { get; init; } = 200;

    /// <summary>Requests a caller may burst above the steady rate.</summary>
    public int RequestBurst { get; init; } = 400;

    /// <summary>Reasons returned with each prediction unless the request asks otherwise.</summary>
    public int DefaultTopReasons { get; init; } = 3;

    /// <summary>How often the registry's HEAD file is checked for changes.</summary>
    public TimeSpan ReloadInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>CDS Hooks settings.</summary>
    public CdsOptions Cds { get; init; } = new();

    /// <summary>
    /// Wait for an fsync of the audit log before answering each prediction. Off (the default), a
    /// prediction waits until its audit record is written to the operating system, which survives
    /// a crash of the service, and the log is fsynced every 100 ms; a power loss can lose that window.
    /// </summary>
    public bool AuditSyncEachWrite { get; init; }

    /// <summary>Write logs as JSON lines instead of text.</summary>
    public bool JsonLogs { get; init; }

    /// <summary>Least severe log level written (Information logs one line per request).</summary>
    public Microsoft.Extensions.Logging.LogLevel MinimumLogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;

    /// <summary>The audit log to use.</summary>
    public string ResolvedAuditLogPath => AuditLogPath ?? Path.Combine(Path.GetFullPath(RegistryRoot), "audit", "audit.jsonl");
}

/// <summary>CDS Hooks settings.</summary>
public sealed record CdsOptions
{
    /// <summary>Risk at or above which a card is a warning.</summary>
    public double WarningThreshold { get; init; } = 0.2;

    /// <summary>Risk at or above which a card is critical.</summary>
    public double CriticalThreshold { get; init; } = 0.5;

    /// <summary>
    /// FHIR servers this service may fetch from when prefetch is incomplete. Requests naming any
    /// other server are refused (412), so a caller cannot make the service fetch arbitrary URLs.
    /// </summary>
    public IReadOnlyList<string> AllowedFhirServers { get; init; } = [];

    /// <summary>Base URL for dashboard links in cards; defaults to the address the request came in on.</summary>
    public string? DashboardBaseUrl { get; init; }
}
