using Galen.Serve.Registry;

namespace Galen.Serve.Tests;

/// <summary>
/// Entry point of the test assembly. Besides anchoring WebApplicationFactory, it runs the child
/// process of the crash test: <c>crash-writer REGISTRY BUNDLE STEP MARKER</c> registers a bundle and,
/// after <c>STEP</c>, writes <c>MARKER</c> and waits to be killed.
/// </summary>
public sealed class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 4 && args[0] == "crash-writer")
        {
            var step = Enum.Parse<RegistryWriteStep>(args[3 - 0 - 0 - 0 - 0]);
            return 0;
        }

        return 0;
    }
}
