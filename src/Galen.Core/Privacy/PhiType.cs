namespace Galen.Core.Privacy;

/// <summary>
/// Kinds of protected health information that occur in clinical text, after the HIPAA Safe
/// Harbor identifiers (45 CFR 164.514(b)(2)). Shared by the synthetic hospital (which writes
/// annotations) and de-identification (which finds and replaces them).
/// </summary>
public enum PhiType
{
    /// <summary>The patient's own name.</summary>
    PatientName,

    /// <summary>A relative's or other contact's name.</summary>
    RelativeName,

    /// <summary>A physician's, nurse's or other staff member's name.</summary>
    ClinicianName,

    /// <summary>Any date element more specific than the year, and years tied to the patient.</summary>
    Date,

    /// <summary>An age over 89.</summary>
    Age,

    Phone,
    Fax,
    Email,
    Ssn,

    /// <summary>Medical record number.</summary>
    Mrn,

    /// <summary>Health-plan beneficiary number.</summary>
    HealthPlanNumber,

    AccountNumber,

    /// <summary>Certificate or licence number.</summary>
    LicenseNumber,

    VehicleIdentifier,
    DeviceIdentifier,
    Url,
    IpAddress,

    /// <summary>Street address.</summary>
    StreetAddress,

    City,
    State,
    Zip,

    /// <summary>Hospital, clinic or other organisation name.</summary>
    Organization,

    /// <summary>Any other unique identifying number or code.</summary>
    OtherIdentifier,
}

/// <summary>A span of PHI in a text: [Start, Start + Length) in UTF-16 code units.</summary>
public sealed record PhiSpan(int Start, int Length, PhiType Type)
{
    public int End => Start + Length;
}
