using System.Runtime.InteropServices;

namespace Galen.Deep.Runtime;

/// <summary>
/// The C heap libtorch allocates tensors from, and the managed heap beside it. Batches of
/// variable-length sequences allocate tensors of a different size every step; glibc keeps the
/// freed blocks, so resident memory creeps up over epochs although no tensor is alive. Each
/// step also leaves a few kilobytes of managed wrappers behind, which the GC lets pile up to its
/// budget. Releasing both once per epoch (a few milliseconds against seconds of training)
/// keeps a long run's memory flat.
/// </summary>
internal static class NativeHeap
{
    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>Collects the epoch's managed garbage and returns free C-heap pages to the operating system (glibc only).</summary>
    public static void Trim()
    {
        GC.Collect();
        if (_unavailable)
        {
            return;
        }

        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // musl and other C libraries have no malloc_trim.
            _unavailable = true;
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
