namespace Galen.Serve.Batch;

/// <summary>Input formats for batch scoring.</summary>
public enum BatchFormat
{
    /// <summary>Comma-separated, a header row of feature names, optionally an <c>id</c> column.</summary>
    Csv,

    /// <summary>One JSON object per line: <c>{"id": "…", "features": {…}}</c>.</summary>
    NdJson,
}
