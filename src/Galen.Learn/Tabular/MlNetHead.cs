using Microsoft.ML;

namespace Galen.Learn.Tabular;

/// <summary>A head that is a fitted ML.NET transformer reading the preprocessed "Features" column.</summary>
/// <param name="Transformer">The fitted ML.NET model.</param>
/// <param name="Output">Which output column to read.</param>
public sealed record MlNetHead(ITransformer Transformer, HeadOutput Output) : TabularHead(Output);
