using Galen.Build;

namespace Galen.Deep.Runtime;

/// <summary>
/// The state of TorchSharp's native shim next to the running program, as the build's
/// TorchSharp fix sees it (docs/torchsharp-native-fix.md).
/// </summary>
/// <param name="ShimPath">The libLibTorchSharp.so that will load, or null when none is beside the program (non-Linux).</param>
/// <param name="SystemLibStdCxx">The system C++ runtime the loader will use, or null.</param>
/// <param name="SystemHasVersion">True when that runtime provides GLIBCXX_3.4.32, so no fix is needed.</param>
/// <param name="ShimNeedIsWeak">True when the shim's need for GLIBCXX_3.4.32 is weak (patched), false when strong, null when absent.</param>
/// <param name="Problem">Why the files could not be read, when they could not.</param>
public sealed record NativeShimReport(string? ShimPath, string? SystemLibStdCxx, bool SystemHasVersion, bool? ShimNeedIsWeak, string? Problem = null)
{
    /// <summary>True unless the system lacks the version and the shim next to the program still needs it strongly.</summary>
    public bool Healthy => Problem is null && (ShimPath is null || SystemHasVersion || ShimNeedIsWeak != false);

    /// <summary>The version the shipped shim asks for and Debian 12 lacks.</summary>
    public const string Version = "GLIBCXX_3.4.32";

    /// <summary>One-line summary for diagnostics.</summary>
    public string Summary => Problem ?? (ShimPath, SystemHasVersion, ShimNeedIsWeak) switch
    {
        (null, _, _) => "no Linux native shim beside the program; nothing to fix",
        (_, true, _) => $"system libstdc++ provides {Version}; shim used as shipped",
        (_, false, true) => $"system libstdc++ lacks {Version}; shim patched (weak need) by the build",
        (_, false, false) => $"system libstdc++ lacks {Version} and the shim is NOT patched; rebuild Galen",
        _ => $"shim does not need {Version}; nothing to fix",
    };

    /// <summary>Inspects the shim beside <see cref="AppContext.BaseDirectory"/>. Never throws.</summary>
    public static NativeShimReport Inspect()
    {
        try
        {
            return InspectFiles();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ElfFormatException)
        {
            return new NativeShimReport(null, null, false, null, e.Message);
        }
    }

    private static NativeShimReport InspectFiles()
    {
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so"),
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"),
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-arm64", "native", "libLibTorchSharp.so"),
        ];
        string? shim = candidates.FirstOrDefault(File.Exists);
        string? system = OperatingSystem.IsLinux() ? ElfVersionNeeds.FindSystemLibStdCxx() : null;
        bool systemHas = system is not null && ElfVersionNeeds.DefinesVersion(File.ReadAllBytes(system), system, Version);
        bool? weak = null;
        if (shim is not null)
        {
            var need = ElfVersionNeeds.ReadNeeds(File.ReadAllBytes(shim), shim).FirstOrDefault(n => n.Version == Version);
            weak = need?.IsWeak;
        }

        return new NativeShimReport(shim, system, systemHas, weak);
    }
}
