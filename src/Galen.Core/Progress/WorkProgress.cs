namespace Galen.Core.Progress;

/// <summary>
/// A progress report from long work, consumed through <see cref="IProgress{T}"/>. The CLI
/// renders these as Spectre.Console progress bars; libraries never write to the console.
/// </summary>
/// <param name="Stage">Short name of the step, e.g. "epoch" or "ingest LABEVENTS".</param>
/// <param name="Completed">Units done so far.</param>
/// <param name="Total">Units in all, or null when unknown.</param>
/// <param name="Detail">Optional short status such as "loss 0.213"; never patient data.</param>
public sealed record WorkProgress(string Stage, double Completed, double? Total = null, string? Detail = null)
{
    /// <summary>Fraction done in [0, 1], or null when the total is unknown.</summary>
    public double? Fraction => Total is > 0 ? Math.Clamp(Completed / Total.Value, 0, 1) : null;
}
