namespace Galen.Core.Learning.Sequences;

/// <summary>One sample's visits as vocabulary ids, oldest visit first.</summary>
/// <param name="Codes">[visit][channel] → the ids of that visit's codes in that channel.</param>
/// <param name="HoursBeforeIndex">Per visit, hours from its start to the sample's index time.</param>
public sealed record EncodedVisitSequence(int[][][] Codes, float[] HoursBeforeIndex)
{
    /// <summary>Visits in the sequence.</summary>
    public int Visits => Codes.Length;
}
