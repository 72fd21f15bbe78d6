using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Galen.Build.Tests;

public sealed class ElfVersionNeedsTests : IDisposable
{
    private const string Target = "GLIBCXX_3.4.32";
    private readonly string _directory = Directory.CreateTempSubdirectory("galen-elf-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static byte[] ShimLikeImage(ushort flags = 0) => new ElfImageBuilder()
        .Need("libstdc++.so.6", ("CXXABI_1.3", 0), (Target, flags), ("GLIBCXX_3.4", 0))
        .Need("libc.so.6", ("GLIBC_2.2.5", 0))
        .Build();

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Reads_every_version_need_with_its_library()
    {
        var needs = ElfVersionNeeds.ReadNeeds(ShimLikeImage(), "shim.so");

        Assert.Equal(
            ["libstdc++.so.6/CXXABI_1.3", $"libstdc++.so.6/{Target}", "libstdc++.so.6/GLIBCXX_3.4", "libc.so.6/GLIBC_2.2.5"],
            needs.Select(n => $"{n.File}/{n.Version}"));
        Assert.All(needs, n => Assert.False(n.IsWeak));
    }

    [Fact]
    public void Making_weak_changes_only_the_flags_of_the_target_entry()
    {
        var original = ShimLikeImage();
        var patched = (byte[])original.Clone();

        var outcome = ElfVersionNeeds.MakeWeak(patched, "shim.so", Target);

        Assert.Equal(ElfPatchOutcome.Patched, outcome);
        var differing = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToList();
        var need = ElfVersionNeeds.ReadNeeds(patched, "shim.so").Single(n => n.Version == Target);
        Assert.Equal([need.FlagsOffset], differing.Select(i => (long)i));
        Assert.Equal(ElfVersionNeeds.VerFlagWeak, need.Flags);
        Assert.All(ElfVersionNeeds.ReadNeeds(patched, "shim.so").Where(n => n.Version != Target), n => Assert.False(n.IsWeak));
    }

    [Fact]
    public void An_already_weak_image_is_left_byte_identical()
    {
        var image = ShimLikeImage(ElfVersionNeeds.VerFlagWeak);
        var copy = (byte[])image.Clone();

        Assert.Equal(ElfPatchOutcome.AlreadyWeak, ElfVersionNeeds.MakeWeak(copy, "shim.so", Target));
        Assert.Equal(image, copy);
    }

    [Fact]
    public void An_image_without_the_need_is_left_byte_identical()
    {
        var image = new ElfImageBuilder().Need("libc.so.6", ("GLIBC_2.2.5", 0)).Build();
        var copy = (byte[])image.Clone();

        Assert.Equal(ElfPatchOutcome.NotReferenced, ElfVersionNeeds.MakeWeak(copy, "other.so", Target));
        Assert.Equal(image, copy);
    }

    [Fact]
    public void Patching_a_file_twice_leaves_it_unchanged_the_second_time()
    {
        string shim = Write("libLibTorchSharp.so", ShimLikeImage());
        string system = Write("libstdc++.so.6", new ElfImageBuilder().Define("GLIBCXX_3.4", "GLIBCXX_3.4.30").Build());

        Assert.Equal(ElfPatchOutcome.Patched, ElfVersionNeeds.FixShim(shim, system, Target));
        var once = File.ReadAllBytes(shim);
        var stamp = File.GetLastWriteTimeUtc(shim);

        Assert.Equal(ElfPatchOutcome.AlreadyWeak, ElfVersionNeeds.FixShim(shim, system, Target));
        Assert.Equal(once, File.ReadAllBytes(shim));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(shim));
    }

    [Fact]
    public void A_system_runtime_that_has_the_version_means_no_change()
    {
        var image = ShimLikeImage();
        string shim = Write("libLibTorchSharp.so", image);
        string system = Write("libstdc++.so.6", new ElfImageBuilder().Define("GLIBCXX_3.4", "GLIBCXX_3.4.30", Target, "GLIBCXX_3.4.33").Build());

        Assert.True(ElfVersionNeeds.DefinesVersion(File.ReadAllBytes(system), system, Target));
        Assert.Equal(ElfPatchOutcome.NotNeeded, ElfVersionNeeds.FixShim(shim, system, Target));
        Assert.Equal(image, File.ReadAllBytes(shim));
    }

    [Fact]
    public void No_system_runtime_means_no_change()
    {
        var image = ShimLikeImage();
        string shim = Write("libLibTorchSharp.so", image);

        Assert.Equal(ElfPatchOutcome.NotNeeded, ElfVersionNeeds.FixShim(shim, null, Target));
        Assert.Equal(image, File.ReadAllBytes(shim));
    }

    [Fact]
    public void Patching_preserves_the_modification_time_so_incremental_copies_stay_skipped()
    {
        string shim = Write("libLibTorchSharp.so", ShimLikeImage());
        var stamp = new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(shim, stamp);

        ElfVersionNeeds.PatchFile(shim, Target);

        Assert.Equal(stamp, File.GetLastWriteTimeUtc(shim));
    }

    [Fact]
    public void A_non_elf_file_is_rejected_with_its_path_and_the_reason()
    {
        string path = Write("libLibTorchSharp.so", "this is not a shared library, it is text"u8.ToArray().Concat(new byte[64]).ToArray());

        var error = Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.FixShim(path, Write("libstdc++.so.6", new ElfImageBuilder().Define("GLIBCXX_3.4").Build()), Target));

        Assert.Equal(path, error.Path);
        Assert.Contains("not an ELF file", error.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_image_is_rejected_not_misread()
    {
        var image = ShimLikeImage();
        var truncated = image[..(image.Length - 40)];

        var error = Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.ReadNeeds(truncated, "cut.so"));
        Assert.Contains("truncated", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_32_bit_image_is_rejected()
    {
        var image = ShimLikeImage();
        image[4] = 1;

        var error = Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.ReadNeeds(image, "x86.so"));
        Assert.Contains("32-bit", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Patching_a_hard_link_never_writes_through_to_the_other_name()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // MSBuild can hard-link outputs to the NuGet cache; the patch must replace the output's
        // directory entry, not write into the shared inode.
        var image = ShimLikeImage();
        string cacheCopy = Write("cache-libLibTorchSharp.so", image);
        string outputCopy = Path.Combine(_directory, "libLibTorchSharp.so");
        Assert.Equal(0, NativeMethods.link(cacheCopy, outputCopy));

        Assert.Equal(ElfPatchOutcome.Patched, ElfVersionNeeds.PatchFile(outputCopy, Target));

        Assert.Equal(image, File.ReadAllBytes(cacheCopy));
        Assert.True(ElfVersionNeeds.ReadNeeds(File.ReadAllBytes(outputCopy), outputCopy).Single(n => n.Version == Target).IsWeak);
    }

    [Fact]
    public void The_shipped_torchsharp_shim_differs_in_exactly_one_byte_after_patching_and_the_cache_is_untouched()
    {
        string? root = typeof(ElfVersionNeedsTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NuGetPackageRoot").Value;
        string cached = Path.Combine(root!, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(cached), $"TorchSharp's shim is restored at {cached}");
        var before = SHA256.HashData(File.ReadAllBytes(cached));

        var image = File.ReadAllBytes(cached);
        var original = (byte[])image.Clone();
        var strong = ElfVersionNeeds.ReadNeeds(image, cached).Single(n => n.Version == Target);
        Assert.Equal("libstdc++.so.6", strong.File);
        Assert.False(strong.IsWeak);

        Assert.Equal(ElfPatchOutcome.Patched, ElfVersionNeeds.MakeWeak(image, cached, Target));

        Assert.Single(Enumerable.Range(0, image.Length), i => image[i] != original[i]);
        Assert.True(ElfVersionNeeds.ReadNeeds(image, cached).Single(n => n.Version == Target).IsWeak);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(cached)));
    }

    [Fact]
    public void The_system_cpp_runtime_is_found_and_its_versions_read_on_linux()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        string? system = ElfVersionNeeds.FindSystemLibStdCxx();
        Assert.NotNull(system);
        var image = File.ReadAllBytes(system);
        Assert.True(ElfVersionNeeds.DefinesVersion(image, system, "GLIBCXX_3.4"));
        Assert.False(ElfVersionNeeds.DefinesVersion(image, system, "GLIBCXX_9.9.99"));
    }
}

internal static partial class NativeMethods
{
    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int link(string existing, string added);
}
