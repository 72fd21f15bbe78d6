using Galen.Core.Errors;

namespace Galen.Deep.Text;

/// <summary>
/// Source texts with the text to generate from each (a visit's codes and its discharge
/// instructions, a note and its summary): the samples of a sequence-to-sequence model.
/// </summary>
public sealed class TextPairs
{
    /// <param name="sources">What the model reads.</param>
    /// <param name="targets">What it should write for each source.</param>
    public TextPairs(IReadOnlyList<string> sources, IReadOnlyList<string> targets)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(targets);
        if (sources.Count != targets.Count)
        {
            throw new GalenInputException(
                $"There are {sources.Count} source texts but {targets.Count} target texts.",
                new SourceLocation("text pairs", Field: "targets", Value: targets.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Sources = sources;
        Targets = targets;
    }

    public IReadOnlyList<string> Sources { get; }

    public IReadOnlyList<string> Targets { get; }

    public int Count => Sources.Count;

    /// <summary>The given pairs, in the given order.</summary>
    public TextPairs Select(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new TextPairs(rows.Select(r => Sources[r]).ToArray(), rows.Select(r => Targets[r]).ToArray());
    }
}
