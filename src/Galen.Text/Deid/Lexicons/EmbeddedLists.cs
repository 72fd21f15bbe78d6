using System.Reflection;

namespace Galen.Text.Deid.Lexicons;

/// <summary>Reads the word lists shipped inside Galen.Text (one entry per line, '#' starts a comment).</summary>
internal static class EmbeddedLists
{
    public static IEnumerable<string> Lines(string name)
    {
        var assembly = typeof(EmbeddedLists).Assembly;
        using var stream = assembly.GetManifestResourceStream("Galen.Text.Resources." + name)
            ?? throw new InvalidOperationException($"Embedded list {name} is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && line[0] != '#')
            {
                lines.Add(line);
            }
        }

        return lines;
    }
}
