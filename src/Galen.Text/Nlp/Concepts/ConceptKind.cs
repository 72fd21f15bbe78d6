namespace Galen.Text.Nlp.Concepts;

/// <summary>What a clinical concept is.</summary>
public enum ConceptKind
{
    Disease,
    Symptom,
    Drug,
}
