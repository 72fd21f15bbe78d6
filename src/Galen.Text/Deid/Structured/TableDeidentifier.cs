using System.Globalization;
using Galen.Core.Errors;
using Galen.Core.Privacy;
using Galen.Text.Deid.Operators;

namespace Galen.Text.Deid.Structured;

/// <summary>
/// De-identifies the rows of a patient table with the same keys as the notes: the patient key
/// becomes its keyed pseudonym (the same one the note pipeline writes), dates move by the
/// patient's shift, identifiers get the same pseudonyms they get in notes, names, streets and
/// cities the same surrogates, ZIP codes their prefix, ages over 89 "90+", and free text is
/// de-identified as a note of the row's patient. Rows stream through; nothing is buffered.
/// </summary>
public sealed class TableDeidentifier(NoteDeidentifier notes)
{
    private readonly SurrogateFactory _surrogates = notes.Surrogates;

    /// <summary>The de-identified rows of <paramref name="source"/>, in order.</summary>
    /// <param name="source">The table.</param>
    /// <param name="patientKeyOf">
    /// The patient's key (as the key store and the note pipeline know it) from the value of the
    /// column that names the patient; by default the value as text.
    /// </param>
    public IEnumerable<object?[]> Deidentify(IRowSource source, Func<object, string>? patientKeyOf = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var schema = source.Schema;
        int keyColumn = schema.PatientKeyColumn;
        long line = 0;
        foreach (var row in source.Rows())
        {
            yield return DeidentifyRow(schema, row, ++line, keyColumn, patientKeyOf);
        }
    }

    /// <summary>De-identifies one row of a table with <paramref name="schema"/> (thread-safe).</summary>
    /// <param name="schema">The table's columns and roles.</param>
    /// <param name="row">One value per column.</param>
    /// <param name="line">The row's number, for error messages.</param>
    /// <param name="patientKeyOf">As in <see cref="Deidentify(IRowSource, Func{object, string}?)"/>.</param>
    public object?[] DeidentifyRow(TableSchema schema, object?[] row, long line, Func<object, string>? patientKeyOf = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return DeidentifyRow(schema, row, line, schema.PatientKeyColumn, patientKeyOf);
    }

    private object?[] DeidentifyRow(TableSchema schema, object?[] row, long line, int keyColumn, Func<object, string>? patientKeyOf)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Length != schema.Columns.Count)
        {
            throw new GalenInputException($"has {row.Length} values but the table has {schema.Columns.Count} columns.", new SourceLocation(schema.Name, line));
        }

        object keyValue = row[keyColumn]
            ?? throw new GalenInputException("has no patient key.", new SourceLocation(schema.Name, line, schema.Columns[keyColumn].Name), "Every row of a patient table needs its patient's key.");
        string patientKey = patientKeyOf?.Invoke(keyValue) ?? Text(keyValue);
        var patient = _surrogates.Keys.For(patientKey);
        var output = new object?[row.Length];
        for (int c = 0; c < row.Length; c++)
        {
            var column = schema.Columns[c];
            var value = row[c];
            output[c] = value is null ? null : column.Role switch
            {
                ColumnRole.Keep or ColumnRole.PatientId => value,
                ColumnRole.Drop => null,
                ColumnRole.PatientKey => _surrogates.Pseudonyms.PatientKey(patientKey),
                ColumnRole.Date => ShiftDate(value, patient.DateShiftDays, schema.Name, line, column.Name),
                ColumnRole.Identifier => _surrogates.Replace(column.IdentifierType, Text(value), patient),
                ColumnRole.Name => _surrogates.Name(Text(value), patient),
                ColumnRole.StreetAddress => _surrogates.Replace(PhiType.StreetAddress, Text(value), patient),
                ColumnRole.City => _surrogates.Replace(PhiType.City, Text(value), patient),
                ColumnRole.Zip => ZipGeneralizer.ToZip3(Text(value)),
                ColumnRole.Age => Age(value, schema.Name, line, column.Name),
                ColumnRole.FreeText => notes.Deidentify(Text(value), patientKey).Text,
                _ => throw new GalenInternalException($"Column role {column.Role} is not handled."),
            };
        }

        return output;
    }

    private static string Text(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;

    private static object ShiftDate(object value, int days, string table, long line, string column) => value switch
    {
        DateTime dateTime => dateTime.AddDays(days),
        DateOnly date => date.AddDays(days),
        DateTimeOffset offset => offset.AddDays(days),
        string text when DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) =>
            parsed.AddDays(days).ToString(text.Length <= 10 ? "yyyy-MM-dd" : text.Contains('T', StringComparison.Ordinal) ? "yyyy-MM-ddTHH:mm:ss" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        _ => throw new GalenInputException("is not a date.", new SourceLocation(table, line, column, "a " + value.GetType().Name), "Mark the column with the role that fits its values."),
    };

    private static object Age(object value, string table, long line, string column)
    {
        double years = value switch
        {
            int i => i,
            long l => l,
            double d => d,
            float f => f,
            decimal m => (double)m,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw new GalenInputException("is not an age.", new SourceLocation(table, line, column, "a " + value.GetType().Name)),
        };
        return years >= 90 ? "90+" : value;
    }
}
