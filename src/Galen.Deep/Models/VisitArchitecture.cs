namespace Galen.Deep.Models;

/// <summary>The network that reads a visit sequence.</summary>
public enum VisitArchitecture
{
    /// <summary>GRU over visit embeddings.</summary>
    Gru,

    /// <summary>LSTM over visit embeddings (optionally bidirectional).</summary>
    Lstm,

    /// <summary>Transformer encoder over visit embeddings with visit positions.</summary>
    Transformer,

    /// <summary>RETAIN two-level reverse-time attention, explainable per visit and per code.</summary>
    Retain,
}
