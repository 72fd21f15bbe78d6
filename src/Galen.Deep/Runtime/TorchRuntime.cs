using TorchSharp;

namespace Galen.Deep.Runtime;

/// <summary>What <see cref="TorchRuntime.Probe"/> found about the native libtorch runtime.</summary>
/// <param name="Loaded">True when libtorch and TorchSharp's native shim loaded and ran a tensor op.</param>
/// <param name="LibTorchVersion">libtorch's version, e.g. "2.10.0".</param>
/// <param name="Threads">Intra-op threads libtorch will use.</param>
/// <param name="CudaAvailable">True when a CUDA device is usable.</param>
/// <param name="Error">Why loading failed, when it did.</param>
public sealed record TorchStatus(bool Loaded, string? LibTorchVersion, int Threads, bool CudaAvailable, string? Error);

/// <summary>Loads libtorch and reports on it; the single place that touches the native runtime first.</summary>
public static class TorchRuntime
{
    /// <summary>
    /// Loads libtorch, runs one small tensor operation and reports the runtime. Never throws:
    /// failures are returned in <see cref="TorchStatus.Error"/> so diagnostics can show them.
    /// </summary>
    public static TorchStatus Probe()
    {
        try
        {
            NativeHeap.KeepFreedBlocks();
            using var scope = torch.NewDisposeScope();
            var x = torch.arange(4, dtype: torch.float32);
            float sum = x.sum().item<float>();
            if (Math.Abs(sum - 6f) > 1e-6f)
            {
                return new TorchStatus(false, null, 0, false, $"libtorch computed 0+1+2+3 = {sum}");
            }

            return new TorchStatus(true, torch.__version__, torch.get_num_threads(), torch.cuda.is_available(), null);
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or NotSupportedException or InvalidOperationException or EntryPointNotFoundException)
        {
            return new TorchStatus(false, null, 0, false, Flatten(e));
        }
    }

    /// <summary>Loads libtorch or throws a <see cref="Core.Errors.GalenInternalException"/> that says how to diagnose it.</summary>
    public static TorchStatus EnsureLoaded()
    {
        var status = Probe();
        if (!status.Loaded)
        {
            throw new Core.Errors.GalenInternalException(
                "libtorch could not be loaded: " + status.Error + " Run `galen doctor` for details; see docs/torchsharp-native-fix.md.");
        }

        return status;
    }

    private static string Flatten(Exception e)
    {
        var messages = new List<string>();
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            messages.Add(current.Message);
        }

        return string.Join(" -> ", messages.Distinct());
    }
}
