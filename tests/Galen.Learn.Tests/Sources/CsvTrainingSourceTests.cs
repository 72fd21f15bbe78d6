using Galen.Core.Learning;
using Galen.Learn.Sources;

namespace Galen.Learn.Tests.Sources;

public sealed class CsvTrainingSourceTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "galen-csv-" + Guid.NewGuid().ToString("N") + ".csv");

    [Fact]
    public void Reads_features_patients_subgroups_and_sets_aside_rows_without_a_label()
    {
        File.WriteAllText(_path, "patient,sex,age,\"lactate, last\",died\nA,F,71,2.5,yes\nA,F,71,,no\nB,M,54,1.1,\nC,M,80,4.0,yes\n");

        var data = CsvTrainingSource.Load(new CsvSourceOptions(_path, "died", "patient"));

        Assert.Equal(3, data.Data.Count);
        Assert.Equal(["age", "lactate, last"], data.Data.Inputs.Features.Select(f => f.Name));
        Assert.True(float.IsNaN(data.Data.Inputs[1, 1]));
        Assert.Equal(LabelKind.Binary, data.Data.Targets.Schema.Kind);
        Assert.Equal("yes", data.Data.Targets.Schema.Classes[1]);
        Assert.Equal([1f, 0f, 1f], data.Data.Targets.Values.ToArray());
        Assert.Equal("A", data.Data.Samples[1].PatientKey);
        Assert.Equal("F", data.Data.Samples[0].Attributes["sex"]);
        var rejected = Assert.Single(data.Rejected);
        Assert.Equal(4, rejected.Line);
        Assert.Contains("1 missing values", data.Card.MissingData, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_value_in_a_feature_column_names_file_line_and_column_but_not_the_value()
    {
        File.WriteAllText(_path, "age,name,y\n70,John Smith,1\n");

        var error = Assert.Throws<Core.Errors.GalenInputException>(() => CsvTrainingSource.Load(new CsvSourceOptions(_path, "y")));

        Assert.Contains($"{_path}:2 field 'name'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("John", error.Message, StringComparison.Ordinal);
        Assert.Contains("--ignore", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_label_column_lists_the_columns_there_are()
    {
        File.WriteAllText(_path, "age,y\n70,1\n");
        var error = Assert.Throws<Core.Errors.GalenInputException>(() => CsvTrainingSource.Load(new CsvSourceOptions(_path, "outcome")));
        Assert.Contains("There is no column 'outcome'", error.Message, StringComparison.Ordinal);
        Assert.Contains("age, y", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_path);
}
