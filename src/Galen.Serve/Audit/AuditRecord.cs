namespace Galen.Serve.Audit;

/// <summary>
/// One line of the audit log as written: the event, its place in the chain and the hashes that
/// bind it to the line before.
/// </summary>
/// <param name="Sequence">1, 2, 3… without gaps.</param>
/// <param name="Time">When it was written (UTC).</param>
/// <param name="Event">What happened.</param>
/// <param name="PreviousHash">The hash of the line before (64 zeros for the first line).</param>
/// <param name="Hash">SHA-256 of this line's body, which includes <paramref name="PreviousHash"/>.</param>
public sealed record AuditRecord(long Sequence, DateTimeOffset Time, AuditEvent Event, string PreviousHash, string Hash)
{
    /// <summary>The previous hash of the first record.</summary>
    public static readonly string GenesisHash = new('0', 64);
}
