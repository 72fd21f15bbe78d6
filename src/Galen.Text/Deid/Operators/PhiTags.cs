using Galen.Core.Privacy;

namespace Galen.Text.Deid.Operators;

/// <summary>The tag the <see cref="DeidOperator.Tag"/> operator writes for each PHI type.</summary>
public static class PhiTags
{
    public static string For(PhiType type) => type switch
    {
        PhiType.PatientName => "[NAME]",
        PhiType.RelativeName => "[RELATIVE]",
        PhiType.ClinicianName => "[CLINICIAN]",
        PhiType.Date => "[DATE]",
        PhiType.Age => "[AGE]",
        PhiType.Phone => "[PHONE]",
        PhiType.Fax => "[FAX]",
        PhiType.Email => "[EMAIL]",
        PhiType.Ssn => "[SSN]",
        PhiType.Mrn => "[MRN]",
        PhiType.HealthPlanNumber => "[HEALTH_PLAN]",
        PhiType.AccountNumber => "[ACCOUNT]",
        PhiType.LicenseNumber => "[LICENSE]",
        PhiType.VehicleIdentifier => "[VEHICLE]",
        PhiType.DeviceIdentifier => "[DEVICE]",
        PhiType.Url => "[URL]",
        PhiType.IpAddress => "[IP]",
        PhiType.StreetAddress => "[ADDRESS]",
        PhiType.City => "[CITY]",
        PhiType.State => "[STATE]",
        PhiType.Zip => "[ZIP]",
        PhiType.Organization => "[ORGANIZATION]",
        _ => "[ID]",
    };
}
