using Galen.Text.Nlp.Context;
using Galen.Text.Nlp.Sections;

namespace Galen.Text.Nlp.Concepts;

/// <summary>A concept found in a note: where, as which concept, in which section and how asserted.</summary>
public sealed record ConceptMention(ConceptEntry Concept, TextRange Range, SectionKind Section, Assertion Assertion);
