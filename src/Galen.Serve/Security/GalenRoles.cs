namespace Galen.Serve.Security;

/// <summary>The roles a caller can hold, and the policies endpoints require.</summary>
public static class GalenRoles
{
    /// <summary>Reads risks, cards and explanations; calls the CDS service.</summary>
    public const string Clinician = "clinician";

    /// <summary>Everything a clinician can, plus batch scoring, de-identification and metrics.</summary>
    public const string DataScientist = "data-scientist";

    /// <summary>Everything, including registry changes.</summary>
    public const string Admin = "admin";

    /// <summary>Every role Galen knows.</summary>
    public static readonly IReadOnlyList<string> All = [Clinician, DataScientist, Admin];

    /// <summary>Policy names.</summary>
    public static class Policies
    {
        /// <summary>Clinician, data scientist or admin.</summary>
        public const string Clinical = "clinical";

        /// <summary>Data scientist or admin.</summary>
        public const string Science = "science";

        /// <summary>Admin only.</summary>
        public const string Administration = "administration";
    }
}
