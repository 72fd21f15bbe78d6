using Galen.Core.Progress;
using Galen.Data.Synthetic.Generation;
using Galen.Data.Synthetic.Model;
using Galen.Data.Synthetic.Notes;
using Galen.Data.Synthetic.Output;

namespace Galen.Data.Synthetic;

/// <summary>
/// Generates a synthetic hospital from a known generative model (docs/synthetic-hospital.md) and
/// streams it to a writer. Patients are generated in parallel batches; records are numbered in
/// patient order, so the output is byte-identical for a seed whatever the thread count.
/// </summary>
public static class SyntheticHospital
{
    /// <summary>Version of the generative model; changes whenever the same seed would give different data.</summary>
    public const int ModelVersion = 1;

    /// <summary>HADM_ID of the first admission.</summary>
    public const long FirstHadmId = 20_000_001;

    /// <summary>
    /// Generates <see cref="SyntheticHospitalOptions.Patients"/> patients into <paramref name="writer"/>.
    /// </summary>
    /// <param name="options">What to generate.</param>
    /// <param name="writer">Where the patients go; it is begun and completed here.</param>
    /// <param name="progress">Reports "patients" done out of the total.</param>
    /// <param name="cancellationToken">Stops between batches and inside parallel work.</param>
    public static SyntheticHospitalSummary Generate(SyntheticHospitalOptions options, IHospitalWriter writer, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(writer);
        options.Validate();
        var templates = NoteTemplateSet.Resolve(options.NoteTemplates);
        var setting = HospitalSettingFactory.Create(options.Seed);
        var generator = new PatientGenerator(options.Seed, setting, templates);
        var summary = new SyntheticHospitalSummary { Seed = options.Seed, NoteTemplates = templates.Name };
        writer.Begin(setting, options);
        progress?.Report(new WorkProgress("patients", 0, options.Patients));

        long nextHadm = FirstHadmId;
        long nextNote = 1;
        Task? pending = null;
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        try
        {
            for (int start = 0; start < options.Patients; start += options.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(options.BatchSize, options.Patients - start);
                var batch = new SyntheticPatient[count];
                Parallel.For(0, count, parallel, i => batch[i] = generator.Generate(start + i));
                foreach (var patient in batch)
                {
                    foreach (var admission in patient.Admissions)
                    {
                        admission.HadmId = nextHadm++;
                        foreach (var note in admission.Notes)
                        {
                            note.NoteId = nextNote++;
                        }
                    }

                    summary.Add(patient);
                }

                // Writing batch k overlaps generating batch k + 1; at most two batches live at once.
                pending?.GetAwaiter().GetResult();
                int done = start + count;
                pending = Task.Run(() =>
                {
                    writer.Write(batch, cancellationToken);
                    progress?.Report(new WorkProgress("patients", done, options.Patients));
                }, cancellationToken);
            }

            pending?.GetAwaiter().GetResult();
        }
        catch
        {
            // Let a running write finish (without rethrowing its own failure) before the caller disposes the writer.
            ((IAsyncResult?)pending)?.AsyncWaitHandle.WaitOne();
            throw;
        }

        summary.Files = writer.Complete(summary);
        return summary;
    }
}
