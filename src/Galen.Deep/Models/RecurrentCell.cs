namespace Galen.Deep.Models;

/// <summary>The recurrent unit of a sequence network.</summary>
public enum RecurrentCell
{
    /// <summary>Gated recurrent unit (Cho et al.): fewer weights, often as good.</summary>
    Gru,

    /// <summary>Long short-term memory (Hochreiter &amp; Schmidhuber).</summary>
    Lstm,
}
