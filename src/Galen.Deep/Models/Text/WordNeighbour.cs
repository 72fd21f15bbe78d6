namespace Galen.Deep.Models.Text;

/// <summary>A word near a query in embedding space.</summary>
/// <param name="Word">The word.</param>
/// <param name="Similarity">Cosine similarity to the query, in [−1, 1].</param>
public sealed record WordNeighbour(string Word, double Similarity);
