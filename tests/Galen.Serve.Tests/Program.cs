using Galen.Serve.Registry;

namespace Galen.Serve.Tests;

/// <summary>
/// Entry point of the test assembly. Besides anchoring WebApplicationFactory, it runs the child
/// process of the crash test: <c>crash-writer REGISTRY BUNDLE STEP MARKER</c> registers a bundle
/// and, right after <c>STEP</c>, writes <c>MARKER</c> and waits to be killed.
/// </summary>
public sealed class Program
{
    public static int Main(string[] args)
    {
        if (args is ["crash-writer", var root, var bundle, var stepName, var marker])
        {
            var step = Enum.Parse<RegistryWriteStep>(stepName);
            var registry = ModelRegistry.Open(new RegistryOptions(root)
            {
                AfterStep = reached =>
                {
                    if (reached == step)
                    {
                        File.WriteAllText(marker, "reached " + reached);
                        Thread.Sleep(Timeout.Infinite);
                    }
                },
            });
            registry.Register(new ModelRegistration("mortality", Support.LogisticTestModel.Format, bundle, "Inpatient mortality", ModelLineage.Of("sha256:v2"), "crash-writer"));
            return 3;
        }

        return 0;
    }
}
