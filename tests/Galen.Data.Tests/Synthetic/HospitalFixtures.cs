using Galen.Data.Synthetic;
using Galen.Data.Synthetic.Model;
using Galen.Data.Synthetic.Output;

namespace Galen.Data.Tests.Synthetic;

/// <summary>A hospital large enough for rates and prevalences, generated once and kept in memory.</summary>
public sealed class InMemoryHospital
{
    public InMemoryHospital() => (Patients, Setting, Summary) = CollectingWriter.Generate(3000, seed: 2024);

    public List<SyntheticPatient> Patients { get; }

    public HospitalSetting Setting { get; }

    public SyntheticHospitalSummary Summary { get; }

    public IEnumerable<SyntheticAdmission> Admissions => Patients.SelectMany(p => p.Admissions);
}

/// <summary>A small hospital written once in MIMIC format to a temporary folder.</summary>
public sealed class WrittenMimicHospital : IDisposable
{
    public WrittenMimicHospital()
    {
        Directory = Path.Combine(Path.GetTempPath(), "galen-synth-mimic-" + Guid.NewGuid().ToString("N"));
        using var writer = new MimicCsvWriter(Directory);
        Summary = SyntheticHospital.Generate(new SyntheticHospitalOptions { Patients = 400, Seed = 11 }, writer);
    }

    public string Directory { get; }

    public SyntheticHospitalSummary Summary { get; }

    public string File(string name) => Path.Combine(Directory, name);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

/// <summary>Temporary folders removed at the end of a test.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "galen-synth-" + Guid.NewGuid().ToString("N"));

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
