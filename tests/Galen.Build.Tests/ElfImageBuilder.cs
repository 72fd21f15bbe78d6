using System.Text;

namespace Galen.Build.Tests;

/// <summary>
/// Builds minimal 64-bit little-endian ELF images with .dynstr, .gnu.version_r and
/// .gnu.version_d sections, laid out the way the GNU linker writes them.
/// </summary>
internal sealed class ElfImageBuilder
{
    private readonly List<(string File, List<(string Version, ushort Flags)> Versions)> _needs = [];
    private readonly List<string> _definitions = [];

    public ElfImageBuilder Need(string file, params (string Version, ushort Flags)[] versions)
    {
        _needs.Add((file, versions.ToList()));
        return this;
    }

    public ElfImageBuilder Define(params string[] versions)
    {
        _definitions.AddRange(versions);
        return this;
    }

    public byte[] Build()
    {
        var strings = new MemoryStream();
        strings.WriteByte(0);
        var offsets = new Dictionary<string, uint>();
        uint Intern(string s)
        {
            if (!offsets.TryGetValue(s, out uint at))
            {
                at = (uint)strings.Length;
                var bytes = Encoding.ASCII.GetBytes(s);
                strings.Write(bytes);
                strings.WriteByte(0);
                offsets[s] = at;
            }

            return at;
        }

        var verneed = new MemoryStream();
        for (int i = 0; i < _needs.Count; i++)
        {
            var (file, versions) = _needs[i];
            int entrySize = 16 + (16 * versions.Count);
            Write16(verneed, 1);
            Write16(verneed, (ushort)versions.Count);
            Write32(verneed, Intern(file));
            Write32(verneed, 16);
            Write32(verneed, i == _needs.Count - 1 ? 0u : (uint)entrySize);
            for (int a = 0; a < versions.Count; a++)
            {
                Write32(verneed, (uint)versions[a].Version.GetHashCode(StringComparison.Ordinal));
                Write16(verneed, versions[a].Flags);
                Write16(verneed, (ushort)(2 + a));
                Write32(verneed, Intern(versions[a].Version));
                Write32(verneed, a == versions.Count - 1 ? 0u : 16u);
            }
        }

        var verdef = new MemoryStream();
        for (int i = 0; i < _definitions.Count; i++)
        {
            Write16(verdef, 1);
            Write16(verdef, 0);
            Write16(verdef, (ushort)(i + 1));
            Write16(verdef, 1);
            Write32(verdef, 0);
            Write32(verdef, 20);
            Write32(verdef, i == _definitions.Count - 1 ? 0u : 28u);
            Write32(verdef, Intern(_definitions[i]));
            Write32(verdef, 0);
        }

        var image = new MemoryStream();
        image.Write(new byte[64]);
        long dynstrAt = image.Position;
        image.Write(strings.ToArray());
        Align(image);
        long verneedAt = image.Position;
        image.Write(verneed.ToArray());
        Align(image);
        long verdefAt = image.Position;
        image.Write(verdef.ToArray());
        Align(image);
        long sectionsAt = image.Position;

        var sections = new List<(uint Type, long Offset, long Size, uint Link, uint Info)>
        {
            (0, 0, 0, 0, 0),
            (3, dynstrAt, strings.Length, 0, 0),
        };
        if (_needs.Count > 0)
        {
            sections.Add((0x6ffffffe, verneedAt, verneed.Length, 1, (uint)_needs.Count));
        }

        if (_definitions.Count > 0)
        {
            sections.Add((0x6ffffffd, verdefAt, verdef.Length, 1, (uint)_definitions.Count));
        }

        foreach (var s in sections)
        {
            Write32(image, 0);
            Write32(image, s.Type);
            Write64(image, 0);
            Write64(image, 0);
            Write64(image, (ulong)s.Offset);
            Write64(image, (ulong)s.Size);
            Write32(image, s.Link);
            Write32(image, s.Info);
            Write64(image, 1);
            Write64(image, 0);
        }

        var bytes = image.ToArray();
        bytes[0] = 0x7f;
        bytes[1] = (byte)'E';
        bytes[2] = (byte)'L';
        bytes[3] = (byte)'F';
        bytes[4] = 2;
        bytes[5] = 1;
        bytes[6] = 1;
        BitConverter.TryWriteBytes(bytes.AsSpan(0x10), (ushort)3);
        BitConverter.TryWriteBytes(bytes.AsSpan(0x12), (ushort)62);
        BitConverter.TryWriteBytes(bytes.AsSpan(0x28), (ulong)sectionsAt);
        BitConverter.TryWriteBytes(bytes.AsSpan(0x34), (ushort)64);
        BitConverter.TryWriteBytes(bytes.AsSpan(0x3A), (ushort)64);
        BitConverter.TryWriteBytes(bytes.AsSpan(0x3C), (ushort)sections.Count);
        return bytes;
    }

    private static void Align(MemoryStream s)
    {
        while (s.Position % 8 != 0)
        {
            s.WriteByte(0);
        }
    }

    private static void Write16(Stream s, ushort v) => s.Write(BitConverter.GetBytes(v));

    private static void Write32(Stream s, uint v) => s.Write(BitConverter.GetBytes(v));

    private static void Write64(Stream s, ulong v) => s.Write(BitConverter.GetBytes(v));
}
