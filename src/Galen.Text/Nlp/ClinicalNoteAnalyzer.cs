using Galen.Text.Nlp.Concepts;
using Galen.Text.Nlp.Context;
using Galen.Text.Nlp.Sections;
using Galen.Text.Nlp.Sentences;

namespace Galen.Text.Nlp;

/// <summary>A note taken apart: its sections, its sentences and the concepts in it with their assertions.</summary>
public sealed record AnalyzedNote(IReadOnlyList<NoteSection> Sections, IReadOnlyList<TextRange> Sentences, IReadOnlyList<ConceptMention> Mentions);

/// <summary>
/// Clinical NLP in one call: sections, then sentences within each section, then concepts within
/// each sentence, each with its NegEx/ConText assertion. Stateless and thread-safe.
/// </summary>
public sealed class ClinicalNoteAnalyzer(IConceptLexicon lexicon, ContextAnalyzer? context = null)
{
    private readonly ConceptExtractor _extractor = new(lexicon);
    private readonly ContextAnalyzer _context = context ?? new ContextAnalyzer();

    /// <summary>An analyzer over Galen's shipped lexicon.</summary>
    public ClinicalNoteAnalyzer()
        : this(ConceptLexicon.Default)
    {
    }

    public AnalyzedNote Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sections = SectionSplitter.Split(text);
        var sentences = new List<TextRange>();
        var mentions = new List<ConceptMention>();
        foreach (var section in sections)
        {
            foreach (var sentence in SentenceSplitter.Split(text, section.Body.Start, section.Body.End))
            {
                sentences.Add(sentence);
                foreach (var (entry, range) in _extractor.Find(text, sentence))
                {
                    var assertion = _context.Analyze(text, sentence, range.Start, range.End, section.Kind);
                    mentions.Add(new ConceptMention(entry, range, section.Kind, assertion));
                }
            }
        }

        return new AnalyzedNote(sections, sentences, mentions);
    }
}
