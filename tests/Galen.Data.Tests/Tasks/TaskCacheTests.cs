using Galen.Data.Ingest;
using Galen.Data.Store;
using Galen.Data.Tasks;

namespace Galen.Data.Tests.Tasks;

public sealed class TaskCacheTests
{
    [Fact]
    public void A_second_build_comes_from_the_cache_with_identical_content()
    {
        using var folder = TestData.NewFolder();
        using var store = TestData.TinyStore();
        var cache = new TaskCache(folder.Path);
        var options = new FeatureOptions { Shapes = TaskShapes.All };

        var built = new TaskBuilder(store, options, cache).Build(new ReadmissionTask());
        var cached = new TaskBuilder(store, options, cache).Build(new ReadmissionTask());

        Assert.False(built.FromCache);
        Assert.True(cached.FromCache);
        Assert.Equal(built.Tabular.Inputs.Values.ToArray(), cached.Tabular.Inputs.Values.ToArray());
        Assert.Equal(built.Tabular.Inputs.Features, cached.Tabular.Inputs.Features);
        Assert.Equal(built.Tabular.Targets.Values.ToArray(), cached.Tabular.Targets.Values.ToArray());
        Assert.Equal(built.Samples.Select(s => (s.PatientKey, s.SampleKey, s.IndexTime)), cached.Samples.Select(s => (s.PatientKey, s.SampleKey, s.IndexTime)));
        Assert.Equal(built.Samples.Select(s => string.Join(',', s.Attributes.OrderBy(a => a.Key))), cached.Samples.Select(s => string.Join(',', s.Attributes.OrderBy(a => a.Key))));
        Assert.Equal(
            built.Visits!.Inputs.Sequences.SelectMany(v => v).SelectMany(v => v.CodesByChannel.SelectMany(c => c)),
            cached.Visits!.Inputs.Sequences.SelectMany(v => v).SelectMany(v => v.CodesByChannel.SelectMany(c => c)));
        Assert.Equal(built.TimeSeries!.Inputs.Mask.ToArray(), cached.TimeSeries!.Inputs.Mask.ToArray());
    }

    [Fact]
    public void Changing_a_task_parameter_builds_afresh_instead_of_reusing_the_cache()
    {
        using var folder = TestData.NewFolder();
        using var store = TestData.TinyStore();
        var cache = new TaskCache(folder.Path);

        var thirty = new TaskBuilder(store, cache: cache).Build(new ReadmissionTask(30));
        var sixty = new TaskBuilder(store, cache: cache).Build(new ReadmissionTask(60));

        Assert.False(sixty.FromCache);
        Assert.NotEqual(thirty.Tabular.Targets.Values.ToArray(), sixty.Tabular.Targets.Values.ToArray());
        Assert.Equal(2, Directory.GetFiles(folder.Path, "readmission-*.galentask").Length);
        Assert.True(new TaskBuilder(store, cache: cache).Build(new ReadmissionTask(60)).FromCache);
    }

    [Fact]
    public void Feature_options_are_part_of_the_key_too()
    {
        using var folder = TestData.NewFolder();
        using var store = TestData.TinyStore();
        var cache = new TaskCache(folder.Path);
        new TaskBuilder(store, new FeatureOptions { MaxMeasurementCodes = 2 }, cache).Build(new InHospitalMortalityTask());

        var other = new TaskBuilder(store, new FeatureOptions { MaxMeasurementCodes = 3 }, cache).Build(new InHospitalMortalityTask());

        Assert.False(other.FromCache);
        Assert.Equal(FeatureSchemaWidth(3), other.Tabular.Inputs.Columns);
    }

    [Fact]
    public void New_data_in_the_store_invalidates_the_cache()
    {
        using var folder = TestData.NewFolder();
        using var data = TestData.NewFolder();
        File.Copy(Path.Combine(TestData.Fixture("mimic-tiny"), "PATIENTS.csv"), data.File("PATIENTS.csv"));
        File.Copy(Path.Combine(TestData.Fixture("mimic-tiny"), "ADMISSIONS.csv"), data.File("ADMISSIONS.csv"));
        using var store = ClinicalStore.InMemory();
        store.Ingest(IngestFormat.Mimic, data.Path, TestData.Options);
        var cache = new TaskCache(folder.Path);
        var before = new TaskBuilder(store, cache: cache).Build(new LengthOfStayTask());

        File.Copy(Path.Combine(TestData.Fixture("mimic-tiny"), "LABEVENTS.csv"), data.File("LABEVENTS.csv"));
        store.Ingest(IngestFormat.Mimic, data.Path, TestData.Options);
        var after = new TaskBuilder(store, cache: cache).Build(new LengthOfStayTask());

        Assert.NotEqual(before.Fingerprint, after.Fingerprint);
        Assert.False(after.FromCache);
        Assert.True(after.Tabular.Inputs.Columns > before.Tabular.Inputs.Columns);
    }

    // 11 fixed columns, 7 diagnosis categories, 4 drug and 3 procedure codes in the tiny fixture.
    private static int FeatureSchemaWidth(int measurementCodes) => 11 + 7 + 4 + 3 + (6 * measurementCodes);
}
