using Galen.Serve.Tests.Support;

namespace Galen.Serve.Tests.Api;

/// <summary>One in-memory service shared by the read-mostly API tests.</summary>
[CollectionDefinition(Name)]
public sealed class ServeCollection : ICollectionFixture<SharedServe>
{
    public const string Name = "serve";
}

public sealed class SharedServe : IDisposable
{
    internal ServeFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}
