namespace Galen.Text.Nlp.Concepts;

/// <summary>
/// Where concept extraction gets its concepts. Galen ships <see cref="ConceptLexicon.Default"/>;
/// the synthetic hospital's knowledge files (disease → symptom, disease → drug) or a site's own
/// vocabulary can be loaded through this interface instead.
/// </summary>
public interface IConceptLexicon
{
    IReadOnlyList<ConceptEntry> Entries { get; }
}
