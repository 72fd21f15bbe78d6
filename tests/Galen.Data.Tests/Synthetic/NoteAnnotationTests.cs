using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Galen.Core.Privacy;
using Galen.Data.Synthetic.Model;

namespace Galen.Data.Tests.Synthetic;

/// <summary>Every annotated span is exactly a piece of the patient's (or the hospital's) PHI, and no PHI is left unannotated.</summary>
public sealed partial class NoteAnnotationTests
{
    private static readonly string[] DateFormats =
        ["MM/dd/yyyy", "M/d/yyyy", "yyyy-MM-dd", "MMMM d, yyyy", "MMM d, yyyy", "d MMMM yyyy", "dd-MMM-yyyy", "M/d/yy", "MM-dd-yyyy", "MMMM d", "M/d"];

    [GeneratedRegex(@"^[A-Z][a-z]+ \d{1,2}(st|nd|rd|th), \d{4}$")]
    private static partial Regex OrdinalDate();

    [GeneratedRegex(@"^10\.\d{1,3}\.\d{1,3}\.\d{1,3}$")]
    private static partial Regex PrivateIp();

    private static string Digits(string text)
    {
        string digits = new(text.Where(char.IsDigit).ToArray());
        return digits.Length == 11 && digits[0] == '1' ? digits[1..] : digits;
    }

    [Fact]
    public void Every_span_is_the_phi_the_generator_embedded()
    {
        var (patients, setting, _) = CollectingWriter.Generate(60, seed: 31);
        var phones = setting.Clinicians.Select(c => Digits(c.Pager)).Concat(setting.Sites.SelectMany(s => new[] { Digits(s.Phone) })).ToHashSet();
        var faxes = setting.Sites.Select(s => Digits(s.Fax)).ToHashSet();
        var typesSeen = new HashSet<PhiType>();
        foreach (var patient in patients)
        {
            var id = patient.Identity;
            var patientPhones = new[] { id.HomePhone }.Concat(id.Relatives.Select(r => r.Phone)).Select(Digits).ToHashSet();
            foreach (var admission in patient.Admissions)
            {
                foreach (var note in admission.Notes)
                {
                    int previousEnd = 0;
                    foreach (var span in note.Spans)
                    {
                        Assert.True(span.Start >= previousEnd && span.End <= note.Text.Length, "spans are ordered, disjoint and inside the text");
                        previousEnd = span.End;
                        string value = note.Text.Substring(span.Start, span.Length);
                        Assert.Equal(value.Trim(), value);
                        Assert.NotEmpty(value);
                        typesSeen.Add(span.Type);
                        bool ok = span.Type switch
                        {
                            PhiType.PatientName => value.Contains(id.LastName, StringComparison.OrdinalIgnoreCase) || value.Contains(id.FirstName, StringComparison.OrdinalIgnoreCase),
                            PhiType.RelativeName => id.Relatives.Any(r => value.Contains(r.FirstName, StringComparison.Ordinal)),
                            PhiType.ClinicianName => setting.Clinicians.Any(c => value.Contains(c.LastName, StringComparison.OrdinalIgnoreCase)),
                            PhiType.Date => DateTime.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) || OrdinalDate().IsMatch(value),
                            PhiType.Age => int.Parse(value, CultureInfo.InvariantCulture) > 89 && patient.AgeAt(admission.AdmitTime) == int.Parse(value, CultureInfo.InvariantCulture),
                            PhiType.Phone => patientPhones.Contains(Digits(value)) || phones.Contains(Digits(value)),
                            PhiType.Fax => faxes.Contains(Digits(value)),
                            PhiType.Email => value == id.Email || setting.Clinicians.Any(c => c.Email == value),
                            PhiType.Ssn => value == id.Ssn,
                            PhiType.Mrn => value == id.Mrn,
                            PhiType.HealthPlanNumber => value == id.HealthPlanNumber,
                            PhiType.AccountNumber => value == admission.AccountNumber,
                            PhiType.LicenseNumber => setting.Clinicians.Any(c => c.LicenseNumber == value),
                            PhiType.Url => value == id.PortalUrl,
                            PhiType.IpAddress => PrivateIp().IsMatch(value),
                            PhiType.DeviceIdentifier => value == id.DeviceSerial,
                            PhiType.StreetAddress => value == id.Street || setting.Sites.Any(s => s.Street == value),
                            PhiType.City => value == id.City || setting.Sites.Any(s => s.City == value),
                            PhiType.State => value == id.State || setting.Sites.Any(s => s.State == value),
                            PhiType.Zip => value == id.Zip || setting.Sites.Any(s => s.Zip == value),
                            PhiType.Organization => setting.Sites.Any(s => s.Name == value),
                            _ => false,
                        };
                        Assert.True(ok, $"note {note.NoteId}: '{value}' is not a {span.Type} of this patient or hospital");
                    }
                }
            }
        }

        // The notes exercise the Safe Harbor identifiers de-identification must find.
        foreach (var type in new[] { PhiType.PatientName, PhiType.RelativeName, PhiType.ClinicianName, PhiType.Date, PhiType.Age, PhiType.Phone, PhiType.Fax, PhiType.Email, PhiType.Ssn, PhiType.Mrn,
            PhiType.HealthPlanNumber, PhiType.AccountNumber, PhiType.LicenseNumber, PhiType.Url, PhiType.IpAddress, PhiType.StreetAddress, PhiType.City, PhiType.State, PhiType.Zip, PhiType.Organization })
        {
            Assert.Contains(type, typesSeen);
        }
    }

    [Fact]
    public void No_identifier_of_the_patient_appears_outside_an_annotated_span()
    {
        var (patients, _, _) = CollectingWriter.Generate(60, seed: 32);
        foreach (var patient in patients)
        {
            var id = patient.Identity;
            var needles = new[] { id.Mrn, id.Ssn, id.Email, id.HealthPlanNumber, id.FullName, id.Street, id.PortalUrl }.Concat(id.Relatives.Select(r => r.FullName));
            foreach (var note in patient.Admissions.SelectMany(a => a.Notes))
            {
                foreach (var needle in needles)
                {
                    for (int at = note.Text.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = note.Text.IndexOf(needle, at + 1, StringComparison.Ordinal))
                    {
                        Assert.True(note.Spans.Any(s => s.Start <= at && at + needle.Length <= s.End), $"note {note.NoteId} holds an identifier outside any span at {at}");
                    }
                }
            }
        }
    }
}
