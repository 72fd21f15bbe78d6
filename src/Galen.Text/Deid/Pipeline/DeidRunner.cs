using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Galen.Core.Privacy;
using Galen.Core.Progress;
using Galen.Text.Deid.Operators;

namespace Galen.Text.Deid.Pipeline;

/// <summary>
/// Streams notes from a source through a <see cref="NoteDeidentifier"/> into a sink on several
/// threads, with at most a few notes in memory at a time. Unreadable notes are listed, never
/// dropped silently; a note that fails inside de-identification is listed with the exception's
/// type only (a message could quote the note). Progress reports counts, never content.
/// </summary>
public sealed class DeidRunner(NoteDeidentifier deidentifier, int threads = 0)
{
    /// <summary>Runs over <paramref name="source"/>; writes the per-note manifest lines to <paramref name="manifestLines"/> when given.</summary>
    public DeidManifest Run(
        INoteSource source,
        INoteSink sink,
        TextWriter? manifestLines,
        bool learnedLayer,
        IProgress<WorkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sink);
        var totals = new ConcurrentDictionary<PhiType, long>();
        var failures = new ConcurrentQueue<FailedNote>();
        long written = 0;
        long done = 0;
        var gate = new Lock();
        int before = deidentifier.Surrogates.Keys.Added;
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };
        Parallel.ForEach(source.Notes(cancellationToken), options, note =>
        {
            string pseudonym = deidentifier.Surrogates.Pseudonyms.PatientKey(note.PatientKey);
            JsonObject line;
            if (note.Text is null)
            {
                failures.Enqueue(new FailedNote(note.Id, note.Problem ?? "could not be read"));
                line = new JsonObject { ["id"] = note.Id, ["patient"] = pseudonym, ["failed"] = note.Problem };
            }
            else
            {
                try
                {
                    var result = deidentifier.Deidentify(note.Text, note.PatientKey);
                    sink.Write(note.Id, pseudonym, result.Text);
                    var counts = new JsonObject();
                    foreach (var (type, count) in result.Replaced.OrderBy(p => p.Key))
                    {
                        totals.AddOrUpdate(type, count, (_, total) => total + count);
                        counts[type.ToString()] = count;
                    }

                    Interlocked.Increment(ref written);
                    line = new JsonObject { ["id"] = note.Id, ["patient"] = pseudonym, ["replaced"] = counts };
                }
#pragma warning disable CA1031 // One bad note must not stop the run; it is listed with its error type.
                catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    string problem = "failed during de-identification (" + e.GetType().Name + ")";
                    failures.Enqueue(new FailedNote(note.Id, problem));
                    line = new JsonObject { ["id"] = note.Id, ["patient"] = pseudonym, ["failed"] = problem };
                }
            }

            lock (gate)
            {
                manifestLines?.WriteLine(line.ToJsonString());
                long count = ++done;
                if (count % 50 == 0 || count == source.Count)
                {
                    progress?.Report(new WorkProgress("de-identify", count, source.Count, string.Create(CultureInfo.InvariantCulture, $"{count:N0} notes, {failures.Count:N0} failed")));
                }
            }
        });

        progress?.Report(new WorkProgress("de-identify", done, source.Count ?? done));
        var failed = failures.OrderBy(f => f.Id, StringComparer.Ordinal).ToArray();
        return new DeidManifest(
            deidentifier.Operator.ToString().ToLowerInvariant(),
            source.Description,
            written,
            failed.Length,
            totals.OrderBy(p => p.Key).ToDictionary(p => p.Key, p => p.Value),
            failed,
            deidentifier.Surrogates.Keys.Added - before,
            learnedLayer);
    }

    /// <summary>The manifest as indented JSON.</summary>
    public static string ToJson(DeidManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var replaced = new JsonObject();
        foreach (var (type, count) in manifest.Replaced)
        {
            replaced[type.ToString()] = count;
        }

        var failures = new JsonArray();
        foreach (var failure in manifest.Failures)
        {
            failures.Add(new JsonObject { ["id"] = failure.Id, ["problem"] = failure.Problem });
        }

        var root = new JsonObject
        {
            ["operator"] = manifest.Operator,
            ["source"] = manifest.Source,
            ["learned_layer"] = manifest.LearnedLayer,
            ["notes_written"] = manifest.NotesWritten,
            ["notes_failed"] = manifest.NotesFailed,
            ["replaced_total"] = manifest.TotalReplaced,
            ["replaced"] = replaced,
            ["failures"] = failures,
            ["patients_added_to_key_store"] = manifest.PatientsAddedToKeyStore,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
