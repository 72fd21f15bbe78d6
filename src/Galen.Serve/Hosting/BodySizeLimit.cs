namespace Galen.Serve.Hosting;

/// <summary>Endpoint metadata: the largest request body this endpoint accepts, overriding the service default.</summary>
public sealed record BodySizeLimit(long Bytes);
