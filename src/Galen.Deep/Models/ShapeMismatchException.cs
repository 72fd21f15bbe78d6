using Galen.Core.Errors;

namespace Galen.Deep.Models;

/// <summary>
/// A tensor reached a layer with a shape the layer cannot take. Names the layer, the shape it
/// expects (with named dimensions such as <c>batch</c> where any size will do) and the shape it
/// got.
/// </summary>
public sealed class ShapeMismatchException : GalenInputException
{
    /// <param name="layer">The layer, e.g. "Mlp input".</param>
    /// <param name="expected">The expected shape, e.g. "[batch, 8]".</param>
    /// <param name="actual">The shape received.</param>
    public ShapeMismatchException(string layer, string expected, ReadOnlySpan<long> actual)
        : base(
            $"Layer '{layer}' expects a tensor of shape {expected} but got {Format(actual)}.",
            new SourceLocation(layer, Field: "shape", Value: Format(actual)),
            "Check that the inputs were built like the training inputs (same features, channels or vocabulary).")
    {
        Layer = layer;
        Expected = expected;
        Actual = actual.ToArray();
    }

    /// <param name="layer">The layer.</param>
    /// <param name="expected">The expected shape.</param>
    /// <param name="actual">The shape received.</param>
    public ShapeMismatchException(string layer, ReadOnlySpan<long> expected, ReadOnlySpan<long> actual)
        : this(layer, Format(expected), actual)
    {
    }

    /// <summary>The layer that refused the tensor.</summary>
    public string Layer { get; }

    /// <summary>The shape it expects.</summary>
    public string Expected { get; }

    /// <summary>The shape it got.</summary>
    public IReadOnlyList<long> Actual { get; }

    /// <summary>A shape as "[a, b, c]".</summary>
    public static string Format(ReadOnlySpan<long> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";
}
