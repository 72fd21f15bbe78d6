using System.Diagnostics;
using Galen.Serve.Registry;
using Galen.Serve.Tests.Support;

namespace Galen.Serve.Tests.Registry;

public sealed class ModelRegistryTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "galen-registry-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private string Bundle(double intercept = -2) => LogisticTestModel.Standard(intercept).Write(Path.Combine(_root, "in"));

    private static ModelRegistration Registration(string bundle, string fingerprint = "sha256:data-v1") => new(
        "mortality", LogisticTestModel.Format, bundle, "Inpatient mortality",
        new ModelLineage(fingerprint, new Dictionary<string, string> { ["task"] = "mortality", ["window_hours"] = "48" }, new Dictionary<string, string> { ["seed"] = "42" }, new Dictionary<string, double> { ["auroc"] = 0.81 }),
        "alice");

    private ModelRegistry Open(Action<RegistryWriteStep>? afterStep = null) =>
        ModelRegistry.Open(new RegistryOptions(Path.Combine(_root, "registry")) { AfterStep = afterStep });

    [Fact]
    public void Registration_numbers_versions_keeps_lineage_and_copies_the_bundle_with_its_hash()
    {
        var registry = Open();
        string file = Bundle();
        var first = registry.Register(Registration(file));
        var second = registry.Register(Registration(Bundle(-1), "sha256:data-v2"));

        Assert.Equal(1, first.Version);
        Assert.Equal(2, second.Version);
        var stored = Open().Find("mortality", 1)!;
        Assert.Equal(ModelStage.Staging, stored.Stage);
        Assert.Equal("sha256:data-v1", stored.Lineage.DataFingerprint);
        Assert.Equal("48", stored.Lineage.TaskParameters["window_hours"]);
        Assert.Equal(0.81, stored.Lineage.Metrics["auroc"]);
        Assert.Equal("alice", stored.RegisteredBy);
        Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(stored.BundlePath));
        Assert.Equal(ModelRegistry.HashFile(file).Sha256, stored.BundleSha256);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(stored.BundlePath)!, "manifest.json")));
    }

    [Fact]
    public void Promotion_archives_the_previous_production_version_and_rollback_restores_it()
    {
        var registry = Open();
        registry.Register(Registration(Bundle()));
        registry.Register(Registration(Bundle(-1)));
        registry.Promote("mortality", 1, "alice");
        registry.Promote("mortality", 2, "bob", "better calibration");

        Assert.Equal([2], registry.Production().Select(e => e.Version));
        Assert.Equal(ModelStage.Archived, registry.Find("mortality", 1)!.Stage);

        var restored = registry.Rollback("mortality", "carol", "v2 alerts too often");

        Assert.Equal(1, restored.Version);
        Assert.Equal([1], registry.Production().Select(e => e.Version));
        Assert.Equal(ModelStage.Archived, registry.Find("mortality", 2)!.Stage);
        var last = registry.History("mortality")[^1];
        Assert.Equal(("carol", "v2 alerts too often", ModelStage.Production), (last.Actor, last.Reason, last.To));
        Assert.Throws<RegistryException>(() => registry.Promote("mortality", 1, "dave"));
        Assert.Throws<RegistryException>(() => registry.Promote("mortality", 9, "dave"));
        Assert.Throws<RegistryException>(() => registry.Register(Registration(Bundle()) with { ModelId = "Bad Id!" }));
    }

    [Fact]
    public void Rollback_without_an_earlier_production_version_is_refused()
    {
        var registry = Open();
        registry.Register(Registration(Bundle()));
        registry.Promote("mortality", 1, "alice");

        var error = Assert.Throws<RegistryException>(() => registry.Rollback("mortality", "bob"));
        Assert.Contains("nothing to roll back to", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RegistryWriteStep.StagedInTemporaryFolder)]
    [InlineData(RegistryWriteStep.BundlePlaced)]
    public void A_write_interrupted_before_its_metadata_commit_leaves_the_registry_as_it_was(RegistryWriteStep crashAfter)
    {
        var registry = Open();
        registry.Register(Registration(Bundle()));
        registry.Promote("mortality", 1, "alice");
        long head = registry.Head();

        var crashing = Open(step =>
        {
            if (step == crashAfter)
            {
                throw new IOException("simulated crash");
            }
        });
        Assert.Throws<IOException>(() => crashing.Register(Registration(Bundle(-1))));

        var after = Open();
        Assert.Equal([1], after.List("mortality").Select(e => e.Version));
        Assert.Equal(head, after.Head());
        Assert.Equal(1, after.Production().Single().Version);

        // The next write clears the leftovers and takes the version number the crashed write never got.
        var next = after.Register(Registration(Bundle(-1)));
        Assert.Equal(2, next.Version);
        var folders = Directory.GetDirectories(Path.Combine(_root, "registry", "bundles", "mortality"));
        Assert.Equal(2, folders.Length);
        Assert.Empty(Directory.GetDirectories(Path.Combine(_root, "registry", "tmp")));
    }

    [Theory]
    [InlineData(RegistryWriteStep.StagedInTemporaryFolder)]
    [InlineData(RegistryWriteStep.BundlePlaced)]
    public async Task A_writer_process_killed_halfway_leaves_the_previous_version_in_production(RegistryWriteStep killAfter)
    {
        var registry = Open();
        registry.Register(Registration(Bundle()));
        registry.Promote("mortality", 1, "alice");
        string marker = Path.Combine(_root, "marker-" + killAfter);

        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "exec", typeof(Program).Assembly.Location, "crash-writer", registry.Root, Bundle(-1), killAfter.ToString(), marker })
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(marker) && !child.HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(File.Exists(marker), "the writer never reached " + killAfter + ": " + (child.HasExited ? await child.StandardError.ReadToEndAsync() : "timed out"));
        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync();

        var after = Open();
        Assert.Equal([1], after.List("mortality").Select(e => e.Version));
        Assert.Equal(1, after.Production().Single().Version);
        Assert.Equal(ModelRegistry.HashFile(after.Production().Single().BundlePath).Sha256, after.Production().Single().BundleSha256);
    }
}
