using Galen.Deep.Models.Imaging;
using Galen.Deep.Runtime;
using TorchSharp;

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

    [Fact]
    public void Training_steps_reuse_freed_tensor_memory_instead_of_faulting_in_fresh_pages()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        TorchRuntime.EnsureLoaded();
        torch.manual_seed(1);
        using var network = new ImageResNet(1, [16, 32, 64], 1, 2, 3, 0);
        using var optimizer = torch.optim.AdamW(network.parameters(), 1e-3);
        using var images = torch.randn(16, 1, 64, 64);
        using var labels = torch.randint(0, 3, [16]);
        void Train(int steps)
        {
            for (int i = 0; i < steps; i++)
            {
                using var scope = torch.NewDisposeScope();
                optimizer.zero_grad();
                torch.nn.functional.cross_entropy(network.call(images), labels).backward();
                optimizer.step();
            }
        }

        Train(3);
        long before = MinorPageFaults();
        const int Steps = 10;
        Train(Steps);
        long perStep = (MinorPageFaults() - before) / Steps;

        // glibc's default thresholds hand a step's freed activations back to the kernel, and
        // the next step faults them in again: ~1,400–2,200 faults per step here, against ~300
        // with freed blocks kept in the heap until the epoch's trim.
        Assert.True(perStep < 800, $"{perStep} minor page faults per training step");
    }

    // Field 10 of /proc/self/stat (after the parenthesised command name): minor faults of the process.
    private static long MinorPageFaults()
    {
        string stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], System.Globalization.CultureInfo.InvariantCulture);
    }
}
