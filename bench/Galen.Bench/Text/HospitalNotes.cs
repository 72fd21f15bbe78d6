using Galen.Data.Synthetic;
using Galen.Data.Synthetic.Model;
using Galen.Data.Synthetic.Output;

namespace Galen.Bench.Text;

/// <summary>A synthetic hospital generated in memory, for the text-model harnesses (small to medium sizes).</summary>
internal sealed class HospitalNotes : IHospitalWriter
{
    private readonly List<SyntheticPatient> _patients = [];

    public IReadOnlyList<SyntheticPatient> Patients => _patients;

    /// <summary>Every admission with its patient, in generation order.</summary>
    public IEnumerable<(SyntheticPatient Patient, SyntheticAdmission Admission)> Admissions =>
        _patients.SelectMany(p => p.Admissions.Select(a => (p, a)));

    /// <summary>Every note text (NOTEEVENTS.TEXT), in generation order.</summary>
    public IEnumerable<string> NoteTexts => Admissions.SelectMany(x => x.Admission.Notes).Select(n => n.Text);

    public static HospitalNotes Generate(int patients, int seed)
    {
        var notes = new HospitalNotes();
        SyntheticHospital.Generate(new SyntheticHospitalOptions { Patients = patients, Seed = seed, BatchSize = 256 }, notes);
        return notes;
    }

    public void Begin(HospitalSetting setting, SyntheticHospitalOptions options)
    {
    }

    public void Write(IReadOnlyList<SyntheticPatient> batch, CancellationToken cancellationToken) => _patients.AddRange(batch);

    public IReadOnlyList<OutputFileInfo> Complete(SyntheticHospitalSummary summary) => [];

    public void Dispose()
    {
    }
}
