using Galen.Text.HeldOut;

namespace Galen.Bench.Text;

/// <summary>Notes of about 2 KB (held-apart generator output joined at note boundaries), the unit of the de-id targets.</summary>
internal static class BenchNotes
{
    public static string[] TwoKilobyteNotes(int count, int seed = 1)
    {
        var source = HeldOutNoteGenerator.Create(seed).Generate(count * 6);
        var notes = new List<string>(count);
        var current = new System.Text.StringBuilder();
        foreach (var note in source)
        {
            current.Append(note.Text).Append("\n\n");
            if (current.Length >= 2000)
            {
                notes.Add(current.ToString(0, Math.Min(current.Length, 2048)));
                current.Clear();
                if (notes.Count == count)
                {
                    break;
                }
            }
        }

        return notes.ToArray();
    }
}
