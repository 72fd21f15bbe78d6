// Marks one GNU version-need entry of an ELF shared object as weak (VER_FLG_WEAK).
//
// Why: TorchSharp 0.107.0's native shim libLibTorchSharp.so declares a need for
// GLIBCXX_3.4.32 (GCC 13) only because it references std::ios_base_library_init(),
// which it never calls. Debian 12's libstdc++ stops at GLIBCXX_3.4.30, so the dynamic
// loader refuses the shim. A weak version need lets the loader accept the library when
// the version is missing. See docs/torchsharp-native-fix.md.
//
// This file is compiled three times: by MSBuild's RoslynCodeTaskFactory (as the build
// task, see Galen.TorchSharpFix.targets), into Galen.Deep (so `galen doctor` can report the
// shim's state) and into tests/Galen.Build.Tests, so the code that runs in the build is the
// code under test. The last two define GALEN_ELF_READER_ONLY, which leaves out the MSBuild
// task class. Everything but the task is internal so the copies never collide. It keeps to
// the netstandard2.0 surface that RoslynCodeTaskFactory compiles against.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Galen.Build
{
    /// <summary>What <see cref="ElfVersionNeeds.MakeWeak"/> did to an image.</summary>
    internal enum ElfPatchOutcome
    {
        /// <summary>The entry was strong and is now weak; the image changed.</summary>
        Patched,
        /// <summary>The entry was already weak; the image is untouched.</summary>
        AlreadyWeak,
        /// <summary>The image does not need that version at all; the image is untouched.</summary>
        NotReferenced,
        /// <summary>The system C++ runtime provides the version (or none was found); nothing to do.</summary>
        NotNeeded,
    }

    /// <summary>One version the object needs from one of its dependencies.</summary>
    internal sealed class ElfVersionNeed
    {
        public ElfVersionNeed(string file, string version, ushort flags, long flagsOffset)
        {
            File = file;
            Version = version;
            Flags = flags;
            FlagsOffset = flagsOffset;
        }

        /// <summary>The dependency's soname, e.g. <c>libstdc++.so.6</c>.</summary>
        public string File { get; }

        /// <summary>The version name, e.g. <c>GLIBCXX_3.4.32</c>.</summary>
        public string Version { get; }

        /// <summary>The vna_flags field (bit 0x2 is VER_FLG_WEAK).</summary>
        public ushort Flags { get; }

        /// <summary>Byte offset of vna_flags in the file.</summary>
        public long FlagsOffset { get; }

        /// <summary>True when the loader tolerates the version being absent.</summary>
        public bool IsWeak => (Flags & ElfVersionNeeds.VerFlagWeak) != 0;
    }

    /// <summary>Thrown when a file is not an ELF image this reader understands.</summary>
    internal sealed class ElfFormatException : Exception
    {
        public ElfFormatException(string path, string reason)
            : base($"{path}: {reason}")
        {
            Path = path;
            Reason = reason;
        }

        /// <summary>The file that could not be read.</summary>
        public string Path { get; }

        /// <summary>What was wrong with it.</summary>
        public string Reason { get; }
    }

    /// <summary>Reads and edits the GNU symbol-versioning sections of 64-bit little-endian ELF images.</summary>
    internal static class ElfVersionNeeds
    {
        /// <summary>VER_FLG_WEAK from elf.h.</summary>
        public const ushort VerFlagWeak = 0x2;

        private const uint ShtGnuVerdef = 0x6ffffffd;
        private const uint ShtGnuVerneed = 0x6ffffffe;

        /// <summary>Lists every version-need entry (.gnu.version_r) of the image.</summary>
        /// <param name="image">The whole file.</param>
        /// <param name="path">The file's name, used only in error messages.</param>
        public static IReadOnlyList<ElfVersionNeed> ReadNeeds(byte[] image, string path)
        {
            var result = new List<ElfVersionNeed>();
            foreach (var section in Sections(image, path))
            {
                if (section.Type != ShtGnuVerneed)
                {
                    continue;
                }

                var strings = StringTableOf(image, path, section);
                long entry = section.Offset;
                for (uint i = 0; i < section.Info; i++)
                {
                    Require(image, path, entry, 16, "version-need entry");
                    ushort auxCount = U16(image, entry + 2);
                    string file = CString(image, path, strings, U32(image, entry + 4));
                    long aux = entry + U32(image, entry + 8);
                    for (int a = 0; a < auxCount; a++)
                    {
                        Require(image, path, aux, 16, "version-need auxiliary entry");
                        ushort flags = U16(image, aux + 4);
                        string version = CString(image, path, strings, U32(image, aux + 8));
                        result.Add(new ElfVersionNeed(file, version, flags, aux + 4));
                        uint nextAux = U32(image, aux + 12);
                        if (nextAux == 0)
                        {
                            break;
                        }

                        aux += nextAux;
                    }

                    uint next = U32(image, entry + 12);
                    if (next == 0)
                    {
                        break;
                    }

                    entry += next;
                }
            }

            return result;
        }

        /// <summary>True when the image defines (exports) the named version (.gnu.version_d).</summary>
        public static bool DefinesVersion(byte[] image, string path, string version)
        {
            foreach (var section in Sections(image, path))
            {
                if (section.Type != ShtGnuVerdef)
                {
                    continue;
                }

                var strings = StringTableOf(image, path, section);
                long entry = section.Offset;
                for (uint i = 0; i < section.Info; i++)
                {
                    Require(image, path, entry, 20, "version-definition entry");
                    ushort auxCount = U16(image, entry + 6);
                    long aux = entry + U32(image, entry + 12);
                    if (auxCount > 0)
                    {
                        Require(image, path, aux, 8, "version-definition auxiliary entry");
                        if (CString(image, path, strings, U32(image, aux)) == version)
                        {
                            return true;
                        }
                    }

                    uint next = U32(image, entry + 16);
                    if (next == 0)
                    {
                        break;
                    }

                    entry += next;
                }
            }

            return false;
        }

        /// <summary>
        /// Sets VER_FLG_WEAK on every need for <paramref name="version"/>. Changes only the
        /// flags bytes of matching entries; returns what was done.
        /// </summary>
        public static ElfPatchOutcome MakeWeak(byte[] image, string path, string version)
        {
            bool found = false;
            bool changed = false;
            foreach (var need in ReadNeeds(image, path))
            {
                if (need.Version != version)
                {
                    continue;
                }

                found = true;
                if (!need.IsWeak)
                {
                    ushort flags = (ushort)(need.Flags | VerFlagWeak);
                    image[need.FlagsOffset] = (byte)(flags & 0xff);
                    image[need.FlagsOffset + 1] = (byte)(flags >> 8);
                    changed = true;
                }
            }

            if (!found)
            {
                return ElfPatchOutcome.NotReferenced;
            }

            return changed ? ElfPatchOutcome.Patched : ElfPatchOutcome.AlreadyWeak;
        }

        /// <summary>
        /// Patches a file on disk. The new content is written to a sibling file and renamed over
        /// the original, so a hard link into the NuGet cache is replaced rather than written
        /// through; the original modification time is kept so incremental copies stay skipped.
        /// </summary>
        public static ElfPatchOutcome PatchFile(string path, string version)
        {
            byte[] image = File.ReadAllBytes(path);
            var outcome = MakeWeak(image, path, version);
            if (outcome != ElfPatchOutcome.Patched)
            {
                return outcome;
            }

            DateTime modified = File.GetLastWriteTimeUtc(path);
            string temporary = path + ".galen-patch.tmp";
            File.WriteAllBytes(temporary, image);
            File.SetLastWriteTimeUtc(temporary, modified);
            File.Replace(temporary, path, null);
            return outcome;
        }

        /// <summary>
        /// The whole decision the build makes for one shim: when the system C++ runtime at
        /// <paramref name="systemLibStdCxx"/> lacks <paramref name="version"/>, mark the shim's
        /// need for it weak; otherwise (or when there is no system runtime to compare with)
        /// leave the shim alone.
        /// </summary>
        public static ElfPatchOutcome FixShim(string shimPath, string? systemLibStdCxx, string version)
        {
            if (systemLibStdCxx == null || !File.Exists(systemLibStdCxx))
            {
                return ElfPatchOutcome.NotNeeded;
            }

            if (DefinesVersion(File.ReadAllBytes(systemLibStdCxx), systemLibStdCxx, version))
            {
                return ElfPatchOutcome.NotNeeded;
            }

            return PatchFile(shimPath, version);
        }

        /// <summary>
        /// Finds the C++ runtime the dynamic loader would use on this Linux machine, or null.
        /// </summary>
        public static string? FindSystemLibStdCxx()
        {
            string[] directories =
            {
                "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu",
                "/usr/lib/aarch64-linux-gnu", "/lib/aarch64-linux-gnu",
                "/usr/lib64", "/lib64", "/usr/lib", "/lib",
            };
            string machine = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "aarch64" : "x86_64";
            foreach (string directory in directories)
            {
                if (directory.Contains("-linux-gnu") && !directory.Contains(machine))
                {
                    continue;
                }

                string candidate = System.IO.Path.Combine(directory, "libstdc++.so.6");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        private readonly struct Section
        {
            public Section(uint type, long offset, long size, uint link, uint info)
            {
                Type = type;
                Offset = offset;
                Size = size;
                Link = link;
                Info = info;
            }

            public uint Type { get; }
            public long Offset { get; }
            public long Size { get; }
            public uint Link { get; }
            public uint Info { get; }
        }

        private static List<Section> Sections(byte[] image, string path)
        {
            if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
            {
                throw new ElfFormatException(path, "not an ELF file (the first bytes are not 0x7F 'E' 'L' 'F'); expected the native libLibTorchSharp.so shared library");
            }

            if (image[4] != 2)
            {
                throw new ElfFormatException(path, "32-bit ELF images are not supported; expected a 64-bit shared library");
            }

            if (image[5] != 1)
            {
                throw new ElfFormatException(path, "big-endian ELF images are not supported; expected a little-endian shared library");
            }

            long headerOffset = (long)U64(image, 0x28);
            ushort headerSize = U16(image, 0x3A);
            ushort count = U16(image, 0x3C);
            if (headerOffset == 0 || count == 0)
            {
                throw new ElfFormatException(path, "the image has no section headers, so its version sections cannot be located");
            }

            if (headerSize < 64)
            {
                throw new ElfFormatException(path, $"section header size {headerSize} is smaller than the 64 bytes of an ELF64 header");
            }

            var sections = new List<Section>(count);
            for (int i = 0; i < count; i++)
            {
                long at = headerOffset + ((long)i * headerSize);
                Require(image, path, at, 64, "section header");
                sections.Add(new Section(
                    U32(image, at + 4),
                    (long)U64(image, at + 24),
                    (long)U64(image, at + 32),
                    U32(image, at + 40),
                    U32(image, at + 44)));
            }

            return sections;
        }

        private static Section StringTableOf(byte[] image, string path, Section section)
        {
            var all = Sections(image, path);
            if (section.Link >= all.Count)
            {
                throw new ElfFormatException(path, $"version section links to string table {section.Link}, but there are only {all.Count} sections");
            }

            return all[(int)section.Link];
        }

        private static string CString(byte[] image, string path, Section table, uint offset)
        {
            long start = table.Offset + offset;
            if (offset >= table.Size || start >= image.Length)
            {
                throw new ElfFormatException(path, $"string offset {offset} lies outside its string table");
            }

            long end = start;
            while (end < image.Length && image[end] != 0)
            {
                end++;
            }

            return Encoding.ASCII.GetString(image, (int)start, (int)(end - start));
        }

        private static void Require(byte[] image, string path, long offset, int length, string what)
        {
            if (offset < 0 || offset + length > image.Length)
            {
                throw new ElfFormatException(path, $"truncated image: {what} at byte {offset} runs past the end of the file ({image.Length} bytes)");
            }
        }

        private static ushort U16(byte[] b, long at) => (ushort)(b[at] | (b[at + 1] << 8));

        private static uint U32(byte[] b, long at) => (uint)(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24));

        private static ulong U64(byte[] b, long at) => U32(b, at) | ((ulong)U32(b, at + 4) << 32);
    }

#if !GALEN_ELF_READER_ONLY
    /// <summary>
    /// MSBuild task: marks the GLIBCXX_3.4.32 need of every given libLibTorchSharp.so weak,
    /// only on Linux and only when the system libstdc++ lacks that version.
    /// </summary>
    public sealed class PatchTorchSharpNative : Microsoft.Build.Utilities.Task
    {
        /// <summary>The copies of the native shim in an output directory.</summary>
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        /// <summary>The version need to relax.</summary>
        public string VersionName { get; set; } = "GLIBCXX_3.4.32";

        /// <summary>Overrides the system libstdc++ to compare against (for diagnosis).</summary>
        public string? SystemLibStdCxx { get; set; }

        public override bool Execute()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || Files.Length == 0)
            {
                return true;
            }

            string? libstdcxx = string.IsNullOrEmpty(SystemLibStdCxx) ? ElfVersionNeeds.FindSystemLibStdCxx() : SystemLibStdCxx;
            try
            {
                foreach (var item in Files)
                {
                    string path = item.ItemSpec;
                    var outcome = ElfVersionNeeds.FixShim(path, libstdcxx, VersionName);
                    var importance = outcome == ElfPatchOutcome.Patched
                        ? Microsoft.Build.Framework.MessageImportance.Normal
                        : Microsoft.Build.Framework.MessageImportance.Low;
                    Log.LogMessage(importance, $"Galen: {path}: {VersionName} need {Describe(outcome)} (system libstdc++: {libstdcxx ?? "none found"}).");
                }
            }
            catch (ElfFormatException e)
            {
                Log.LogError($"Galen TorchSharp native fix: {e.Message}");
            }

            return !Log.HasLoggedErrors;
        }

        private static string Describe(ElfPatchOutcome outcome)
        {
            switch (outcome)
            {
                case ElfPatchOutcome.Patched: return "marked weak";
                case ElfPatchOutcome.AlreadyWeak: return "already weak";
                case ElfPatchOutcome.NotNeeded: return "left as shipped, the system provides the version";
                default: return "not present";
            }
        }
    }
#endif
}
