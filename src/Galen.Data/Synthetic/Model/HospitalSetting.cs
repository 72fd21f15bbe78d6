namespace Galen.Data.Synthetic.Model;

/// <summary>A physician or nurse practitioner on the synthetic hospital's staff.</summary>
/// <param name="FirstName">Given name.</param>
/// <param name="LastName">Family name.</param>
/// <param name="Credential">MD, DO or NP.</param>
/// <param name="Specialty">Hospital medicine, cardiology, …</param>
/// <param name="LicenseNumber">State licence number.</param>
/// <param name="Email">Work e-mail address.</param>
/// <param name="Pager">Pager or office phone.</param>
public sealed record Clinician(string FirstName, string LastName, string Credential, string Specialty, string LicenseNumber, string Email, string Pager)
{
    public string FullName => FirstName + " " + LastName;
}

/// <summary>One hospital or clinic of the synthetic health system.</summary>
/// <param name="Name">Organisation name.</param>
/// <param name="Street">Street address.</param>
/// <param name="City">City.</param>
/// <param name="State">Two-letter state.</param>
/// <param name="Zip">ZIP code.</param>
/// <param name="Phone">Main phone number.</param>
/// <param name="Fax">Fax number.</param>
/// <param name="Domain">Web domain, used for URLs and staff e-mail addresses.</param>
/// <param name="IpPrefix">First three octets of the site's workstation network.</param>
public sealed record HospitalSite(string Name, string Street, string City, string State, string Zip, string Phone, string Fax, string Domain, string IpPrefix);

/// <summary>The fixed world the patients live in: sites and staff, drawn once from the seed.</summary>
public sealed record HospitalSetting(IReadOnlyList<HospitalSite> Sites, IReadOnlyList<Clinician> Clinicians)
{
    /// <summary>Clinicians of one specialty.</summary>
    public IEnumerable<int> ClinicianIndexes(string specialty) =>
        Enumerable.Range(0, Clinicians.Count).Where(i => Clinicians[i].Specialty == specialty);
}
