namespace Galen.Serve.Audit;

/// <summary>
/// Something the audit log must remember. Holds no patient data: the input is represented only by
/// its SHA-256 hash, and the actor is an API key name or a token subject.
/// </summary>
/// <param name="Action">What happened, e.g. <c>prediction</c>, <c>registry.promote</c>.</param>
/// <param name="Actor">Who did it.</param>
/// <param name="ModelId">The model concerned, when there is one.</param>
/// <param name="ModelVersion">The model version concerned, when there is one.</param>
/// <param name="InputSha256">Hex SHA-256 of the request's input, never the input itself.</param>
/// <param name="Detail">A short PHI-free note, e.g. the channel or the stage change.</param>
public sealed record AuditEvent(string Action, string Actor, string? ModelId = null, int? ModelVersion = null, string? InputSha256 = null, string? Detail = null)
{
    /// <summary>Action names written by Galen.</summary>
    public static class Actions
    {
        public const string Prediction = "prediction";
        public const string Register = "registry.register";
        public const string Promote = "registry.promote";
        public const string Rollback = "registry.rollback";
        public const string Archive = "registry.archive";
        public const string Deidentification = "deidentification";
        public const string CdsFeedback = "cds.feedback";
    }
}
