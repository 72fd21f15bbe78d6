using Galen.Data.Synthetic;
using Galen.Data.Synthetic.Model;
using Galen.Data.Synthetic.Output;

namespace Galen.Data.Tests.Synthetic;

/// <summary>Keeps every generated patient in memory (small hospitals only).</summary>
internal sealed class CollectingWriter : IHospitalWriter
{
    public List<SyntheticPatient> Patients { get; } = [];

    public HospitalSetting? Setting { get; private set; }

    public int Batches { get; private set; }

    public void Begin(HospitalSetting setting, SyntheticHospitalOptions options) => Setting = setting;

    public void Write(IReadOnlyList<SyntheticPatient> batch, CancellationToken cancellationToken)
    {
        Patients.AddRange(batch);
        Batches++;
    }

    public IReadOnlyList<OutputFileInfo> Complete(SyntheticHospitalSummary summary) => [];

    public void Dispose()
    {
    }

    public static (List<SyntheticPatient> Patients, HospitalSetting Setting, SyntheticHospitalSummary Summary) Generate(int patients, int seed, string templates = "standard")
    {
        using var writer = new CollectingWriter();
        var summary = SyntheticHospital.Generate(new SyntheticHospitalOptions { Patients = patients, Seed = seed, NoteTemplates = templates, BatchSize = 128 }, writer);
        return (writer.Patients, writer.Setting!, summary);
    }
}
