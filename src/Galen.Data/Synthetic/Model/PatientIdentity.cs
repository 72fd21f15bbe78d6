namespace Galen.Data.Synthetic.Model;

/// <summary>
/// A synthetic patient's identifiers: the protected health information that notes embed and
/// de-identification must later find. Entirely fake (Bogus), never derived from real people.
/// </summary>
public sealed record PatientIdentity
{
    public required string FirstName { get; init; }

    public required string MiddleInitial { get; init; }

    public required string LastName { get; init; }

    /// <summary>Social Security number, ###-##-####.</summary>
    public required string Ssn { get; init; }

    /// <summary>Medical record number of the hospital.</summary>
    public required string Mrn { get; init; }

    /// <summary>Health-plan member identifier.</summary>
    public required string HealthPlanNumber { get; init; }

    public required string Street { get; init; }

    public required string City { get; init; }

    /// <summary>Two-letter state abbreviation.</summary>
    public required string State { get; init; }

    public required string Zip { get; init; }

    public required string HomePhone { get; init; }

    public required string Email { get; init; }

    /// <summary>The patient's page on the hospital's portal.</summary>
    public required string PortalUrl { get; init; }

    /// <summary>Serial number of an implanted device, for patients who have one.</summary>
    public string? DeviceSerial { get; init; }

    /// <summary>Relatives and other contacts named in notes.</summary>
    public required IReadOnlyList<Relative> Relatives { get; init; }

    public string FullName => FirstName + " " + LastName;
}

/// <summary>A relative or other contact of a patient.</summary>
/// <param name="FirstName">Given name.</param>
/// <param name="LastName">Family name.</param>
/// <param name="Phone">Phone number, "(AAA) EEE-LLLL".</param>
/// <param name="Relation">"wife", "son", "sister", … as notes write it.</param>
public sealed record Relative(string FirstName, string LastName, string Relation, string Phone)
{
    public string FullName => FirstName + " " + LastName;
}
