using Galen.Deep.Runtime;

namespace Galen.Deep.Tests.Runtime;

public sealed class TorchRuntimeTests
{
    [Fact]
    public void Libtorch_loads_in_the_test_output()
    {
        var status = TorchRuntime.Probe();

        Assert.True(status.Loaded, status.Error);
        Assert.StartsWith("2.10", status.LibTorchVersion, StringComparison.Ordinal);
        Assert.True(status.Threads >= 1);
    }

    [Fact]
    public void The_build_left_the_native_shim_loadable_on_this_system()
    {
        var report = NativeShimReport.Inspect();

        Assert.True(report.Healthy, report.Summary);
        if (OperatingSystem.IsLinux())
        {
            Assert.NotNull(report.ShimPath);
            // Where the system lacks the version, the build must have made the need weak.
            Assert.True(report.SystemHasVersion || report.ShimNeedIsWeak == true, report.Summary);
        }
    }
}
