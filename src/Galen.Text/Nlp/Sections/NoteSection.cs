namespace Galen.Text.Nlp.Sections;

/// <summary>A section of a note: its kind, where its header is and where its body runs.</summary>
/// <param name="Kind">What the section holds.</param>
/// <param name="Header">The header as written ("HPI", "Assessment/Plan"); empty for the preamble.</param>
/// <param name="HeaderStart">Where the header starts.</param>
/// <param name="Body">The text after the header, up to the next header.</param>
public sealed record NoteSection(SectionKind Kind, string Header, int HeaderStart, TextRange Body);
