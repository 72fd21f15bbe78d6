using Galen.Data.Synthetic;
using Galen.Data.Synthetic.Model;
using Galen.Data.Synthetic.Output;

namespace Galen.Data.Tests.RoundTrip;

/// <summary>Hands one generated hospital to several writers, so every format holds exactly the same patients.</summary>
internal sealed class TeeWriter(params IHospitalWriter[] writers) : IHospitalWriter
{
    public void Begin(HospitalSetting setting, SyntheticHospitalOptions options)
    {
        foreach (var writer in writers)
        {
            writer.Begin(setting, options);
        }
    }

    public void Write(IReadOnlyList<SyntheticPatient> batch, CancellationToken cancellationToken)
    {
        foreach (var writer in writers)
        {
            writer.Write(batch, cancellationToken);
        }
    }

    public IReadOnlyList<OutputFileInfo> Complete(SyntheticHospitalSummary summary)
    {
        var files = new List<OutputFileInfo>();
        foreach (var writer in writers)
        {
            files.AddRange(writer.Complete(summary));
        }

        return files;
    }

    public void Dispose()
    {
        foreach (var writer in writers)
        {
            writer.Dispose();
        }
    }
}
