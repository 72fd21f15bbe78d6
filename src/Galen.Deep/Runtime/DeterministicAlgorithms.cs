using System.Runtime.InteropServices;

namespace Galen.Deep.Runtime;

/// <summary>
/// libtorch's process-wide "deterministic algorithms only" switch (PyTorch's
/// <c>torch.use_deterministic_algorithms</c>). TorchSharp 0.107 declares that method but marks it
/// not implemented (dotnet/TorchSharp#1384), so this calls libtorch's own
/// <c>at::globalContext().setDeterministicAlgorithms(enabled, warn_only)</c> through its exported
/// C++ symbols (Itanium ABI: Linux and macOS builds of libtorch). Where the symbols are missing
/// (Windows builds use another name mangling) <see cref="TrySet"/> returns false.
/// </summary>
internal static class DeterministicAlgorithms
{
    private const string LibTorch = "libtorch_cpu";

    private static bool _unavailable = OperatingSystem.IsWindows();

    /// <summary>Turns the switch on or off; false when this libtorch does not export it.</summary>
    public static bool TrySet(bool enabled)
    {
        if (_unavailable)
        {
            return false;
        }

        try
        {
            SetDeterministicAlgorithms(GlobalContext(), enabled, warnOnly: false);
            return true;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true;
            return false;
        }
    }

    /// <summary>Whether the switch is on; null when this libtorch does not export it.</summary>
    public static bool? Enabled()
    {
        if (_unavailable)
        {
            return null;
        }

        try
        {
            return AreDeterministicAlgorithmsEnabled(GlobalContext());
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true;
            return null;
        }
    }

    // at::Context& at::globalContext()
    [DllImport(LibTorch, EntryPoint = "_ZN2at13globalContextEv")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories)]
    private static extern IntPtr GlobalContext();

    // void at::Context::setDeterministicAlgorithms(bool, bool): `this` is the first argument.
    [DllImport(LibTorch, EntryPoint = "_ZN2at7Context26setDeterministicAlgorithmsEbb")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories)]
    private static extern void SetDeterministicAlgorithms(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled, [MarshalAs(UnmanagedType.U1)] bool warnOnly);

    // bool at::Context::deterministicAlgorithms() const
    [DllImport(LibTorch, EntryPoint = "_ZNK2at7Context23deterministicAlgorithmsEv")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories)]
    [return: MarshalAs(UnmanagedType.U1)]
    private static extern bool AreDeterministicAlgorithmsEnabled(IntPtr context);
}
