using System.Globalization;
using Galen.Core.Privacy;
using Galen.Text.Deid.Detection;
using Galen.Text.Deid.Keys;
using Galen.Text.Deid.Operators;

namespace Galen.Text.Tests.Deid;

public sealed class OperatorTests
{
    private const string Note = "Patient: Jonas Whitfield  MRN: 00412345\nSeen 03/04/2021 by Dr. Hargreave. Call (617) 555-0123.";

    private static NoteDeidentifier Deidentifier(DeidOperator op, PatientKeyStore? keys = null) =>
        new(TrainedDetector.PatternsAndDictionaries, new SurrogateFactory(keys ?? PatientKeyStore.CreateNew()), op);

    [Fact]
    public void Tag_writes_typed_tags_and_counts_per_type()
    {
        var result = Deidentifier(DeidOperator.Tag).Deidentify(Note, "p1");
        Assert.Equal("Patient: [NAME]  MRN: [MRN]\nSeen [DATE] by Dr. [CLINICIAN]. Call [PHONE].", result.Text);
        Assert.Equal(1, result.Replaced[PhiType.PatientName]);
        Assert.Equal(5, result.Total);
    }

    [Fact]
    public void Mask_keeps_the_layout_and_redact_removes_the_values()
    {
        var masked = Deidentifier(DeidOperator.Mask).Deidentify(Note, "p1").Text;
        Assert.Equal(Note.Length, masked.Length);
        Assert.Contains("Patient: ***** *********  MRN: ********", masked, StringComparison.Ordinal);
        var redacted = Deidentifier(DeidOperator.Redact).Deidentify(Note, "p1").Text;
        Assert.StartsWith("Patient:   MRN: \nSeen  by Dr. . Call .", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Surrogates_are_consistent_within_a_patient_across_notes_and_differ_between_patients()
    {
        var keys = PatientKeyStore.CreateNew();
        var deid = Deidentifier(DeidOperator.Surrogate, keys);
        var first = deid.Deidentify("Patient: Jonas Whitfield. Mr. Whitfield lives in Chicago.", "p1").Text;
        var second = deid.Deidentify("Mr. Whitfield was seen again; wife at bedside. Patient: Jonas Whitfield", "p1").Text;
        var other = deid.Deidentify("Patient: Jonas Whitfield.", "p2").Text;
        string fake = first["Patient: ".Length..first.IndexOf('.', StringComparison.Ordinal)];
        Assert.DoesNotContain("Whitfield", first, StringComparison.Ordinal);
        Assert.Contains(fake, second, StringComparison.Ordinal);
        string fakeLast = fake.Split(' ')[1];
        Assert.Contains("Mr. " + fakeLast, first, StringComparison.Ordinal);
        Assert.DoesNotContain(fake, other, StringComparison.Ordinal);
    }

    [Fact]
    public void Date_shifts_keep_intervals_weekdays_and_each_form()
    {
        var keys = PatientKeyStore.CreateNew();
        int shift = keys.For("p1").DateShiftDays;
        Assert.NotEqual(0, shift);
        Assert.Equal(0, shift % 7);
        var admit = new DateTime(2021, 3, 4);
        var discharge = new DateTime(2021, 3, 19);
        string a = DateShifter.Shift("03/04/2021", shift)!;
        string d = DateShifter.Shift("2021-03-19", shift)!;
        var shiftedAdmit = DateTime.ParseExact(a, "MM/dd/yyyy", CultureInfo.InvariantCulture);
        var shiftedDischarge = DateTime.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal((discharge - admit).Days, (shiftedDischarge - shiftedAdmit).Days);
        Assert.Equal(admit.DayOfWeek, shiftedAdmit.DayOfWeek);
        Assert.Equal(admit.AddDays(shift), shiftedAdmit);
    }

    [Theory]
    [InlineData("3/4/21", 7, "3/11/21")]
    [InlineData("03/04/2021", -7, "02/25/2021")]
    [InlineData("2021-03-04", 28, "2021-04-01")]
    [InlineData("March 4th", 7, "March 11th")]
    [InlineData("March 4, 2021", 365, "March 4, 2022")]
    [InlineData("04-Mar-2021", 7, "11-Mar-2021")]
    [InlineData("4 March 2021", 7, "11 March 2021")]
    [InlineData("Mar. 30, 2021", 7, "Apr. 6, 2021")]
    [InlineData("MARCH 4TH", 7, "MARCH 11TH")]
    [InlineData("4th", 7, "11th")]
    [InlineData("2021", 364, "2022")]
    [InlineData("March 2021", 35, "April 2021")]
    [InlineData("12/31/2020", 7, "01/07/2021")]
    [InlineData("Tue 3/2/21", 7, "Tue 3/9/21")]
    public void Each_date_form_is_shifted_and_written_back_in_its_own_form(string date, int days, string expected) =>
        Assert.Equal(expected, DateShifter.Shift(date, days));

    [Fact]
    public void A_date_that_cannot_be_read_becomes_a_tag_under_surrogates()
    {
        var factory = new SurrogateFactory(PatientKeyStore.CreateNew());
        Assert.Equal("[DATE]", factory.Replace(PhiType.Date, "13/45/2021", factory.Keys.For("p")));
    }

    [Fact]
    public void Hmac_pseudonyms_are_stable_with_the_key_and_different_without_it()
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var same = new Pseudonymizer(key);
        var again = new Pseudonymizer((byte[])key.Clone());
        var other = new Pseudonymizer(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        string pseudonym = same.ShapePreserving(PhiType.Mrn, "MR-0045221");
        Assert.Equal(pseudonym, again.ShapePreserving(PhiType.Mrn, "MR-0045221"));
        Assert.NotEqual(pseudonym, other.ShapePreserving(PhiType.Mrn, "MR-0045221"));
        Assert.Matches("^[A-Z]{2}-[0-9]{7}$", pseudonym);
        Assert.NotEqual("MR-0045221", pseudonym);
        // The same number written differently gets the same digits.
        Assert.Equal(same.ShapePreserving(PhiType.Phone, "617-555-0123").Where(char.IsDigit), same.ShapePreserving(PhiType.Phone, "(617) 555 0123").Where(char.IsDigit));
        Assert.Equal(same.PatientKey("10023"), again.PatientKey("10023"));
        Assert.NotEqual(same.PatientKey("10023"), other.PatientKey("10023"));
    }

    [Theory]
    [InlineData("02115", "021")]
    [InlineData("02115-3321", "021")]
    [InlineData("03601", "000")]
    [InlineData("89301", "000")]
    [InlineData("90210", "902")]
    public void Zip_codes_keep_three_digits_and_sparse_areas_become_000(string zip, string expected) =>
        Assert.Equal(expected, ZipGeneralizer.ToZip3(zip));

    [Fact]
    public void Ages_over_89_become_90_plus()
    {
        var result = Deidentifier(DeidOperator.Surrogate).Deidentify("She is a 94-year-old woman; her husband is 88 years old.", "p1");
        Assert.Equal("She is a 90+-year-old woman; her husband is 88 years old.", result.Text);
    }
}
