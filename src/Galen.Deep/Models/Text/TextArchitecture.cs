namespace Galen.Deep.Models.Text;

/// <summary>The network of a note classifier.</summary>
public enum TextArchitecture
{
    /// <summary>Kim (2014): convolutions of several widths over word vectors, max over time, a linear head.</summary>
    Cnn,

    /// <summary>A bidirectional LSTM over word vectors, max over time of its outputs, a linear head.</summary>
    BiLstm,
}
