namespace Galen.Core.Learning.Sequences;

/// <summary>
/// The codes of one visit that were available at a sample's index time, one code list per
/// channel of the owning <see cref="VisitSequenceSet"/> (e.g. conditions, procedures, drugs).
/// </summary>
/// <param name="HoursBeforeIndex">Hours from the visit's start to the sample's index time (≥ 0).</param>
/// <param name="CodesByChannel">Per channel, the distinct codes as "system:code" keys, sorted.</param>
public sealed record VisitCodes(double HoursBeforeIndex, IReadOnlyList<IReadOnlyList<string>> CodesByChannel);
