using System.Globalization;

namespace Galen.Serve.Audit;

/// <summary>
/// Checks an audit log end to end: every line's hash matches its body (edits), every line names
/// the previous line's hash and the next sequence number (insertions, deletions, reordering), and
/// the log reaches its anchor file, or an anchor the operator kept elsewhere (truncation of the tail).
/// </summary>
/// <remarks>
/// It cannot detect a rewrite of the log and its anchor together by someone with write access to
/// both, unless an anchor recorded earlier outside the machine is given as <c>expectedHead</c>.
/// </remarks>
public static class AuditVerifier
{
    public static AuditVerification Verify(string logPath, AuditAnchor? expectedHead = null)
    {
        if (!File.Exists(logPath))
        {
            return new AuditVerification(0, null, [new AuditProblem(null, $"The audit log {logPath} does not exist.")]);
        }

        var problems = new List<AuditProblem>();
        var hashesBySequence = new Dictionary<long, string>();
        long records = 0;
        long expectedSequence = 1;
        string expectedPrevious = AuditRecord.GenesisHash;
        AuditRecord? last = null;
        long lineNumber = 0;
        foreach (string line in File.ReadLines(logPath))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                problems.Add(new AuditProblem(lineNumber, "empty line (a record was blanked or a line inserted)."));
                continue;
            }

            var parsed = AuditLineFormat.Parse(line);
            if (parsed is null)
            {
                problems.Add(new AuditProblem(lineNumber, "not a well-formed audit record (edited or corrupted)."));
                continue;
            }

            records++;
            var record = parsed.Record;
            if (parsed.ComputedHash != record.Hash)
            {
                problems.Add(new AuditProblem(lineNumber, $"record {record.Sequence} was edited: its content no longer matches its hash."));
            }

            if (record.Sequence != expectedSequence)
            {
                problems.Add(new AuditProblem(lineNumber, record.Sequence > expectedSequence
                    ? $"record {record.Sequence} follows record {expectedSequence - 1}: {record.Sequence - expectedSequence} record(s) deleted before it."
                    : $"record {record.Sequence} repeats or goes back after record {expectedSequence - 1}: a record was inserted or reordered."));
            }

            if (record.PreviousHash != expectedPrevious)
            {
                problems.Add(new AuditProblem(lineNumber, $"record {record.Sequence} does not chain to the line before it (a record was inserted, deleted or edited)."));
            }

            hashesBySequence.TryAdd(record.Sequence, record.Hash);
            expectedSequence = record.Sequence + 1;
            expectedPrevious = record.Hash;
            last = record;
        }

        var head = last is null ? null : new AuditAnchor(last.Sequence, last.Hash);
        CheckAnchor(AuditAnchor.Read(logPath), "the anchor file " + Path.GetFileName(AuditAnchor.PathFor(logPath)), head, hashesBySequence, problems, missingIsProblem: records > 0);
        if (expectedHead is not null)
        {
            CheckAnchor(expectedHead, "the expected head " + expectedHead, head, hashesBySequence, problems, missingIsProblem: true);
        }

        return new AuditVerification(records, head, problems);
    }

    private static void CheckAnchor(AuditAnchor? anchor, string name, AuditAnchor? head, Dictionary<long, string> hashes, List<AuditProblem> problems, bool missingIsProblem)
    {
        if (anchor is null)
        {
            if (missingIsProblem)
            {
                problems.Add(new AuditProblem(null, $"{name} is missing, so truncation of the tail cannot be ruled out."));
            }

            return;
        }

        long lastSequence = head?.Sequence ?? 0;
        if (anchor.Sequence > lastSequence)
        {
            problems.Add(new AuditProblem(null, string.Create(CultureInfo.InvariantCulture,
                $"the log ends at record {lastSequence} but {name} records {anchor.Sequence}: the tail was truncated.")));
        }
        else if (!hashes.TryGetValue(anchor.Sequence, out var hash) || hash != anchor.Hash)
        {
            problems.Add(new AuditProblem(null, string.Create(CultureInfo.InvariantCulture,
                $"record {anchor.Sequence} does not have the hash {name} holds: the log was rewritten.")));
        }
    }
}
