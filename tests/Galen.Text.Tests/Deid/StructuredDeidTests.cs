using Galen.Core.Privacy;
using Galen.Text.Deid.Keys;
using Galen.Text.Deid.Operators;
using Galen.Text.Deid.Structured;

namespace Galen.Text.Tests.Deid;

public sealed class StructuredDeidTests
{
    private static readonly TableSchema Patients = new("patients",
    [
        new ColumnSpec("subject_id", ColumnRole.PatientKey),
        new ColumnSpec("name", ColumnRole.Name),
        new ColumnSpec("mrn", ColumnRole.Identifier, PhiType.Mrn),
        new ColumnSpec("dob", ColumnRole.Date),
        new ColumnSpec("admit", ColumnRole.Date),
        new ColumnSpec("zip", ColumnRole.Zip),
        new ColumnSpec("age", ColumnRole.Age),
        new ColumnSpec("diagnosis", ColumnRole.Keep),
        new ColumnSpec("comment", ColumnRole.FreeText),
    ]);

    [Fact]
    public void Rows_and_notes_of_a_patient_line_up_under_the_same_keys()
    {
        var keys = PatientKeyStore.CreateNew();
        var notes = new NoteDeidentifier(TrainedDetector.PatternsAndDictionaries, new SurrogateFactory(keys), DeidOperator.Surrogate);
        var rows = new List<object?[]>
        {
            new object?[] { "10023", "Jonas Whitfield", "MR-0045221", new DateOnly(1930, 5, 17), new DateTime(2021, 3, 4, 10, 30, 0), "02115", 91, "I50.9", "Wife Maria called." },
            new object?[] { "10023", "Jonas Whitfield", "MR-0045221", new DateOnly(1930, 5, 17), "2021-03-19 08:00:00", "03601", 91, "N17.9", null },
        };
        var output = new TableDeidentifier(notes).Deidentify(new InMemoryTable(Patients, rows)).ToList();

        var note = notes.Deidentify("Patient: Jonas Whitfield  MRN: MR-0045221\nAdmitted 03/04/2021.", "10023").Text;
        int shift = keys.For("10023").DateShiftDays;

        Assert.Equal(output[0][0], output[1][0]);
        Assert.StartsWith("P-", (string)output[0][0]!, StringComparison.Ordinal);
        Assert.Contains((string)output[0][1]!, note, StringComparison.Ordinal);
        Assert.Contains((string)output[0][2]!, note, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(1930, 5, 17).AddDays(shift), output[0][3]);
        Assert.Equal(new DateTime(2021, 3, 4, 10, 30, 0).AddDays(shift), output[0][4]);
        Assert.Contains(((DateTime)output[0][4]!).ToString("MM/dd/yyyy", System.Globalization.CultureInfo.InvariantCulture), note, StringComparison.Ordinal);
        Assert.Equal(new DateTime(2021, 3, 19, 8, 0, 0).AddDays(shift).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), output[1][4]);
        Assert.Equal("021", output[0][5]);
        Assert.Equal("000", output[1][5]);
        Assert.Equal("90+", output[0][6]);
        Assert.Equal("I50.9", output[0][7]);
        Assert.DoesNotContain("Maria", (string)output[0][8]!, StringComparison.Ordinal);
        Assert.Null(output[1][8]);
    }

    [Fact]
    public void A_table_without_a_patient_key_is_refused()
    {
        var schema = new TableSchema("labs", [new ColumnSpec("value", ColumnRole.Keep)]);
        var notes = new NoteDeidentifier(TrainedDetector.PatternsAndDictionaries, new SurrogateFactory(PatientKeyStore.CreateNew()), DeidOperator.Surrogate);
        Assert.Throws<Galen.Core.Errors.GalenConfigurationException>(() => new TableDeidentifier(notes).Deidentify(new InMemoryTable(schema, [])).ToList());
    }
}
