using Galen.Core.Clinical;

namespace Galen.Text.Nlp.Concepts;

/// <summary>A concept of the lexicon: its preferred term, the other ways notes write it, and its codes.</summary>
/// <param name="Kind">Disease, symptom or drug.</param>
/// <param name="Term">Preferred term, lower case.</param>
/// <param name="Synonyms">Other surface forms (abbreviations, brand names), lower case.</param>
/// <param name="Codes">Codes in ICD-10-CM, SNOMED CT, ATC or any other vocabulary.</param>
public sealed record ConceptEntry(ConceptKind Kind, string Term, IReadOnlyList<string> Synonyms, IReadOnlyList<ClinicalCode> Codes);
