using Galen.Data.Ingest;
using Galen.Data.Store;

namespace Galen.Data.Tests.Ingest;

public sealed class QuarantineTests
{
    private static (IngestReport Report, IReadOnlyList<QuarantinedRecord> Rows) IngestBad()
    {
        using var store = ClinicalStore.InMemory();
        var report = store.Ingest(IngestFormat.Mimic, TestData.Fixture("mimic-bad"), TestData.Options);
        return (report, store.ReadQuarantine());
    }

    [Theory]
    [InlineData("PATIENTS.csv", 3, "DOD", QuarantineReason.DeathBeforeBirth)]
    [InlineData("PATIENTS.csv", 4, "SUBJECT_ID", QuarantineReason.DuplicateKey)]
    [InlineData("PATIENTS.csv", 5, "SUBJECT_ID", QuarantineReason.MissingRequiredField)]
    [InlineData("PATIENTS.csv", 6, "DOB", QuarantineReason.InvalidValue)]
    [InlineData("PATIENTS.csv", 7, "DOB", QuarantineReason.FutureDate)]
    [InlineData("PATIENTS.csv", 8, null, QuarantineReason.MalformedRecord)]
    [InlineData("ADMISSIONS.csv", 3, "DISCHTIME", QuarantineReason.EndBeforeStart)]
    [InlineData("ADMISSIONS.csv", 4, "SUBJECT_ID", QuarantineReason.UnknownPatient)]
    [InlineData("ADMISSIONS.csv", 5, "SUBJECT_ID", QuarantineReason.ParentQuarantined)]
    [InlineData("ADMISSIONS.csv", 6, "HADM_ID", QuarantineReason.DuplicateKey)]
    [InlineData("ADMISSIONS.csv", 7, "ADMITTIME", QuarantineReason.BeforeBirth)]
    [InlineData("LABEVENTS.csv", 3, "HADM_ID", QuarantineReason.UnknownVisit)]
    [InlineData("LABEVENTS.csv", 4, "HADM_ID", QuarantineReason.ParentQuarantined)]
    [InlineData("LABEVENTS.csv", 5, "VALUENUM", QuarantineReason.InvalidValue)]
    [InlineData("LABEVENTS.csv", 6, "CHARTTIME", QuarantineReason.MissingRequiredField)]
    [InlineData("LABEVENTS.csv", 7, "VALUE", QuarantineReason.MissingRequiredField)]
    [InlineData("LABEVENTS.csv", 8, null, QuarantineReason.MalformedRecord)]
    [InlineData("LABEVENTS.csv", 9, "SUBJECT_ID", QuarantineReason.ParentQuarantined)]
    [InlineData("LABEVENTS.csv", 10, "HADM_ID", QuarantineReason.PatientMismatch)]
    [InlineData("LABEVENTS.csv", 11, null, QuarantineReason.MalformedRecord)]
    [InlineData("CHARTEVENTS.csv", 3, "ERROR", QuarantineReason.MarkedErrorInSource)]
    [InlineData("PRESCRIPTIONS.csv", 2, "ENDDATE", QuarantineReason.EndBeforeStart)]
    [InlineData("PRESCRIPTIONS.csv", 3, "ATC", QuarantineReason.InvalidValue)]
    [InlineData("DIAGNOSES_ICD.csv", 2, "ICD_VERSION", QuarantineReason.InvalidValue)]
    [InlineData("DIAGNOSES_ICD.csv", 3, "ICD_CODE", QuarantineReason.InvalidValue)]
    [InlineData("NOTEEVENTS.csv", 3, null, QuarantineReason.MalformedRecord)]
    public void Every_kind_of_bad_row_lands_in_quarantine_with_file_line_field_and_reason(string file, long line, string? field, QuarantineReason reason)
    {
        var (_, rows) = IngestBad();

        var row = Assert.Single(rows, r => r.File == file && r.Line == line);
        Assert.Equal(reason, row.Reason);
        Assert.Equal(field, row.Field);
        Assert.False(string.IsNullOrEmpty(row.Raw));
    }

    [Fact]
    public void Nothing_is_silently_dropped_every_record_is_stored_or_quarantined()
    {
        var (report, rows) = IngestBad();

        foreach (var file in report.Files.Where(f => f.Outcome == FileOutcome.Ingested))
        {
            Assert.Equal(file.Records, file.Accepted + file.Quarantined);
            Assert.Equal(file.Quarantined, rows.Count(r => r.File == file.File));
        }

        Assert.Equal(rows.Count, report.Quarantine.Sum(q => q.Count));
        Assert.Contains(report.Files, f => f.File == "README.txt" && f.Outcome == FileOutcome.NotATable);
        var labs = report.Files.Single(f => f.File == "LABEVENTS.csv");
        Assert.Equal(1, labs.Accepted);
    }

    [Fact]
    public void Summaries_and_details_describe_values_without_repeating_them()
    {
        var (report, rows) = IngestBad();
        string[] values = ["1960-01-01", "1969-01-01", "1970-01-01", "2999", "not-a-date", "abc", "XYZ", "I50$", "9999", "99"];

        foreach (var summary in report.Quarantine)
        {
            foreach (var value in values)
            {
                Assert.DoesNotContain(value, summary.FirstDetail, StringComparison.Ordinal);
                Assert.DoesNotContain(value, summary.FirstLocation, StringComparison.Ordinal);
            }
        }

        Assert.All(rows, r => Assert.DoesNotContain("1969-01-01", r.Detail, StringComparison.Ordinal));
        var invalidDob = report.Quarantine.Single(q => q.Reason == QuarantineReason.InvalidValue && q.File == "PATIENTS.csv");
        Assert.Equal("line 6 field 'DOB'", invalidDob.FirstLocation);
        Assert.Contains("text of 10 characters", invalidDob.FirstDetail, StringComparison.Ordinal);
    }
}
