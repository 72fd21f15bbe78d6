namespace Galen.Serve.Registry;

/// <summary>One recorded change of a version's stage: who moved what, from where to where, and why.</summary>
public sealed record StageChange(
    long Sequence,
    string ModelId,
    int Version,
    ModelStage? From,
    ModelStage To,
    string Actor,
    DateTimeOffset At,
    string Reason);
