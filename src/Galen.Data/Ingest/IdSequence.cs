namespace Galen.Data.Ingest;

/// <summary>Primary keys of one table, handed out in order (deterministic for the same input).</summary>
internal sealed class IdSequence(long next)
{
    private long _next = next;

    public long Next() => _next++;
}
