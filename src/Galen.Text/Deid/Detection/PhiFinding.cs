using Galen.Core.Privacy;

namespace Galen.Text.Deid.Detection;

/// <summary>A stretch of text a detector believes is PHI of a given type.</summary>
/// <param name="Start">First character (UTF-16 code units).</param>
/// <param name="Length">Characters covered.</param>
/// <param name="Type">The kind of identifier.</param>
/// <param name="Layer">The layer that found it.</param>
public readonly record struct PhiFinding(int Start, int Length, PhiType Type, DetectionLayer Layer)
{
    public int End => Start + Length;

    /// <summary>As the shared <see cref="PhiSpan"/> type.</summary>
    public PhiSpan ToSpan() => new(Start, Length, Type);
}
