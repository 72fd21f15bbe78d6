using Galen.Core.Learning;

namespace Galen.Core.Text;

/// <summary>
/// Clinical notes as model inputs (one text per sample), so text classifiers — the bag-of-words
/// baseline in Galen.Text and deep text models in Galen.Deep alike — plug into
/// <see cref="ITrainer{TInputs}"/>, patient-level splits, k-fold and the bootstrap.
/// </summary>
public sealed class NoteTexts(IReadOnlyList<string> texts) : IInputs<NoteTexts>
{
    public IReadOnlyList<string> Texts { get; } = texts ?? throw new ArgumentNullException(nameof(texts));

    public int Count => Texts.Count;

    public NoteTexts Select(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new NoteTexts(rows.Select(r => Texts[r]).ToArray());
    }
}
