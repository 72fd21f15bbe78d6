using System.Runtime.InteropServices;

namespace Galen.Serve.Registry;

/// <summary>
/// Writes that survive a crash: content goes to a temporary file that is flushed to disk and then
/// renamed over the target, and the folder holding it is flushed so the rename itself is durable.
/// </summary>
public static partial class DurableFiles
{
    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/> atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        FlushFolder(folder);
    }

    /// <summary>Replaces <paramref name="path"/> with UTF-8 <paramref name="text"/> atomically.</summary>
    public static void WriteAllText(string path, string text) =>
        WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Copies a file and flushes the copy to disk.</summary>
    public static void CopyFlushed(string source, string destination)
    {
        using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        input.CopyTo(output);
        output.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Flushes a folder's entries (renames, new files) to disk. POSIX needs an fsync of the folder
    /// itself; Windows makes renames durable with the file and has no folder handles to flush.
    /// </summary>
    public static void FlushFolder(string folder)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            return;
        }

        int descriptor = NativeMethods.Open(folder, 0 /* O_RDONLY */);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open folder {folder} to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (NativeMethods.Fsync(descriptor) != 0)
            {
                throw new IOException($"Cannot flush folder {folder} to disk (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = NativeMethods.Close(descriptor);
        }
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Open(string path, int flags);

        [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
        internal static partial int Fsync(int descriptor);

        [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
        internal static partial int Close(int descriptor);
    }
}
