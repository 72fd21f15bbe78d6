using System.Net;
using Galen.Serve.Registry;
using Galen.Serve.Tests.Support;

namespace Galen.Serve.Tests.Registry;

public sealed class ServingThroughRegistryChangesTests
{
    private static async Task<int> ServedVersionAsync(HttpClient client) =>
        (await Http.ReadJson(await client.PostAsync("/api/models/mortality/predict", Http.Json("""{"features":{"age":70}}""")))).GetProperty("version").GetInt32();

    private static async Task WaitForVersionAsync(HttpClient client, int version)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (await ServedVersionAsync(client) != version && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_registration_killed_halfway_leaves_the_previous_version_serving()
    {
        using var factory = new ServeFactory();
        using var client = factory.ClientWithKey(ServeFactory.ClinicianKey);
        var crashing = ModelRegistry.Open(new RegistryOptions(factory.Registry.Root)
        {
            AfterStep = step => throw new IOException("simulated crash after " + step),
        });

        Assert.Throws<IOException>(() => crashing.Register(new ModelRegistration("mortality", LogisticTestModel.Format, LogisticTestModel.Standard(-1).Write(factory.Root), "v2", ModelLineage.Of("x"), "test")));
        await Task.Delay(300);

        Assert.Equal(1, await ServedVersionAsync(client));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Promotion_and_rollback_reach_the_running_service_and_a_tampered_bundle_never_replaces_the_served_one()
    {
        using var factory = new ServeFactory();
        using var client = factory.ClientWithKey(ServeFactory.ClinicianKey);
        var v2 = factory.Registry.Register(new ModelRegistration("mortality", LogisticTestModel.Format, LogisticTestModel.Standard(-1).Write(factory.Root), "v2", ModelLineage.Of("x"), "test"));

        factory.Registry.Promote("mortality", v2.Version, "test");
        await WaitForVersionAsync(client, 2);
        Assert.Equal(2, await ServedVersionAsync(client));

        factory.Registry.Rollback("mortality", "test");
        await WaitForVersionAsync(client, 1);
        Assert.Equal(1, await ServedVersionAsync(client));

        var v3 = factory.Registry.Register(new ModelRegistration("mortality", LogisticTestModel.Format, LogisticTestModel.Standard(0).Write(factory.Root), "v3", ModelLineage.Of("x"), "test"));
        File.AppendAllText(v3.BundlePath, " ");
        factory.Registry.Promote("mortality", v3.Version, "test");

        // The reload is asynchronous: wait (bounded) until the service has tried version 3.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        System.Text.Json.JsonElement problems;
        do
        {
            await Task.Delay(100);
            problems = (await Http.ReadJson(await client.GetAsync("/health/ready"))).GetProperty("problems");
        }
        while (problems.GetArrayLength() == 0 && DateTime.UtcNow < deadline);

        Assert.Equal(1, await ServedVersionAsync(client));
        Assert.Contains("mortality@3 could not be loaded", problems[0].GetString(), StringComparison.Ordinal);
    }
}
