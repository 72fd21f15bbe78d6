using Galen.Core.Errors;
using Galen.Data.Synthetic;
using Galen.Data.Synthetic.Output;

namespace Galen.Data.Tests.Synthetic;

public sealed class OutputFolderTests
{
    [Fact]
    public void A_folder_with_other_files_is_never_touched()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Path);
        File.WriteAllText(temp.Sub("thesis.docx"), "precious");
        Assert.Throws<GalenInputException>(() => HospitalOutputFolder.Prepare(temp.Path, overwrite: true));
        Assert.True(File.Exists(temp.Sub("thesis.docx")));
    }

    [Fact]
    public void An_earlier_hospital_is_replaced_only_with_overwrite()
    {
        using var temp = new TempFolder();
        using (var writer = new OmopCsvWriter(temp.Path))
        {
            SyntheticHospital.Generate(new SyntheticHospitalOptions { Patients = 5, Seed = 1 }, writer);
        }

        File.WriteAllText(temp.Sub("keep.txt"), "mine");
        Assert.Contains("--overwrite", Assert.Throws<GalenInputException>(() => HospitalOutputFolder.Prepare(temp.Path, overwrite: false)).Message, StringComparison.Ordinal);
        HospitalOutputFolder.Prepare(temp.Path, overwrite: true);
        Assert.False(File.Exists(temp.Sub("person.csv")));
        Assert.False(File.Exists(temp.Sub("manifest.json")));
        Assert.True(File.Exists(temp.Sub("keep.txt")));
    }

    [Fact]
    public void An_interrupted_hospital_can_be_replaced()
    {
        using var temp = new TempFolder();
        using var cancel = new CancellationTokenSource();
        var writer = new MimicCsvWriter(temp.Path);
        var progress = new SynchronousProgress(r =>
        {
            if (r.Completed > 0)
            {
                cancel.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() => SyntheticHospital.Generate(new SyntheticHospitalOptions { Patients = 400, BatchSize = 20 }, writer, progress, cancel.Token));
        writer.Dispose();
        Assert.True(File.Exists(temp.Sub("CHARTEVENTS.csv")));

        HospitalOutputFolder.Prepare(temp.Path, overwrite: true);
        Assert.Empty(Directory.EnumerateFiles(temp.Path, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData(0, 512, 1)]
    [InlineData(10, 0, 1)]
    [InlineData(10, 512, 0)]
    public void Bad_options_are_configuration_errors(int patients, int batch, int threads) =>
        Assert.Throws<GalenConfigurationException>(() => SyntheticHospital.Generate(new SyntheticHospitalOptions { Patients = patients, BatchSize = batch, MaxDegreeOfParallelism = threads }, new CollectingWriter()));

    [Fact]
    public void Cancellation_stops_generation()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => SyntheticHospital.Generate(new SyntheticHospitalOptions { Patients = 50 }, new CollectingWriter(), cancellationToken: cancel.Token));
    }

    [Fact]
    public void Progress_reaches_the_patient_count()
    {
        var reports = new List<Galen.Core.Progress.WorkProgress>();
        var progress = new SynchronousProgress(reports.Add);
        SyntheticHospital.Generate(new SyntheticHospitalOptions { Patients = 30, BatchSize = 10 }, new CollectingWriter(), progress);
        Assert.Equal(30, reports.Max(r => r.Completed));
        Assert.All(reports, r => Assert.Equal(30, r.Total));
    }

    private sealed class SynchronousProgress(Action<Galen.Core.Progress.WorkProgress> report) : IProgress<Galen.Core.Progress.WorkProgress>
    {
        private readonly Lock _gate = new();

        public void Report(Galen.Core.Progress.WorkProgress value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}
