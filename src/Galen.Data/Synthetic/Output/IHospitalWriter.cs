using Galen.Data.Synthetic.Model;

namespace Galen.Data.Synthetic.Output;

/// <summary>
/// Receives a synthetic hospital as it is generated: <see cref="Begin"/> once, then consecutive
/// batches of patients in order (one call at a time), then <see cref="Complete"/>. Writers stream:
/// nothing requires holding more than one batch.
/// </summary>
public interface IHospitalWriter : IDisposable
{
    /// <summary>Called once, before the first batch.</summary>
    void Begin(HospitalSetting setting, SyntheticHospitalOptions options);

    /// <summary>A batch of patients whose records are numbered; batches arrive in patient order.</summary>
    void Write(IReadOnlyList<SyntheticPatient> batch, CancellationToken cancellationToken);

    /// <summary>Called once after the last batch; returns what was written.</summary>
    IReadOnlyList<OutputFileInfo> Complete(SyntheticHospitalSummary summary);
}

/// <summary>One file a writer produced.</summary>
/// <param name="Path">Path relative to the output folder, with '/' separators.</param>
/// <param name="Rows">Data rows (CSV rows without the header, JSON lines, or resources).</param>
/// <param name="Bytes">Size on disk.</param>
public sealed record OutputFileInfo(string Path, long Rows, long Bytes);
