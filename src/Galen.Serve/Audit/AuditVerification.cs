namespace Galen.Serve.Audit;

/// <summary>One thing wrong with an audit log, at a line.</summary>
/// <param name="Line">1-based line number, or null for problems of the whole log (its tail, its anchor).</param>
/// <param name="Problem">What is wrong, in words.</param>
public sealed record AuditProblem(long? Line, string Problem);

/// <summary>What <see cref="AuditVerifier"/> found.</summary>
/// <param name="Records">Well-formed records read.</param>
/// <param name="Head">Sequence and hash of the last record, to keep elsewhere as an external anchor.</param>
/// <param name="Problems">Every problem found; empty when the log is intact.</param>
public sealed record AuditVerification(long Records, AuditAnchor? Head, IReadOnlyList<AuditProblem> Problems)
{
    public bool Intact => Problems.Count == 0;
}
