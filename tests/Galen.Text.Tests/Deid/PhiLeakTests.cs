using System.Diagnostics;
using System.Text;
using Galen.Core.Privacy;
using Galen.Core.Progress;
using Galen.Text.Corpus;
using Galen.Text.Corpus.Training;
using Galen.Text.Deid.Detection;
using Galen.Text.Deid.Keys;
using Galen.Text.Deid.Lexicons;
using Galen.Text.Deid.Learning;
using Galen.Text.Deid.Operators;
using Galen.Text.Deid.Pipeline;

namespace Galen.Text.Tests.Deid;

/// <summary>
/// De-identifies notes whose PHI is known and scans everything the pipeline says while doing it —
/// every progress report (training and de-identification), every trace and console line, the
/// per-note manifest lines, the manifest, and the messages of failures, including a note whose
/// detector throws an exception that quotes the note — for any of those PHI values.
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class PhiLeakTests : IDisposable
{
    private const string FailureMarker = "Bedside handover";
    private readonly string _work = Path.Combine(Path.GetTempPath(), "galen-deid-leak-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [Fact]
    public void No_phi_value_reaches_progress_traces_console_manifest_or_failure_messages()
    {
        var notes = new TrainingNoteGenerator(29).Generate(20, notesPerPatient: 2);
        string input = Path.Combine(_work, "in");
        foreach (var note in notes)
        {
            Directory.CreateDirectory(Path.Combine(input, note.SubjectId!));
            File.WriteAllText(Path.Combine(input, note.SubjectId!, note.NoteId + ".txt"), note.Text);
        }

        // One note makes the detector throw with the note's text in the message, as a bug might.
        var failing = notes[3];
        File.WriteAllText(Path.Combine(input, failing.SubjectId!, failing.NoteId + ".txt"), FailureMarker + "\n" + failing.Text);

        // A file that cannot be read, holding PHI: its problem is named by offset, not by content.
        var unreadable = notes[5];
        File.WriteAllBytes(Path.Combine(input, unreadable.SubjectId!, "latin1.txt"), [.. Encoding.Latin1.GetBytes(unreadable.Text), 0xE9]);

        var progress = new CollectingProgress();
        var trace = new StringWriter();
        using var listener = new TextWriterTraceListener(TextWriter.Synchronized(trace));
        Trace.Listeners.Add(listener);
        var console = new StringWriter();
        var (stdout, stderr) = (Console.Out, Console.Error);
        Console.SetOut(TextWriter.Synchronized(console));
        Console.SetError(TextWriter.Synchronized(console));
        DeidManifest manifest;
        var lines = new StringWriter();
        try
        {
            var learned = DeidModels.TrainDefault(seed: 5, notes: 120, progress);
            var lexicon = PhiLexicon.Default;
            var detector = new LayeredPhiDetector(lexicon, new PatternDetector(lexicon), new DictionaryDetector(lexicon), learned, new QuotingFailure());
            var deidentifier = new NoteDeidentifier(detector, new SurrogateFactory(PatientKeyStore.CreateNew()), DeidOperator.Surrogate);
            manifest = new DeidRunner(deidentifier, threads: 2).Run(new FileNoteSource(input, new NoteReadLimits()), new FolderNoteSink(Path.Combine(_work, "out")), lines, learnedLayer: true, progress);
            Trace.Flush();
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            Trace.Listeners.Remove(listener);
        }

        // The run did what the scan relies on: progress was reported, the two bad notes failed.
        Assert.True(progress.Reports > 2);
        Assert.Equal(notes.Count - 1, manifest.NotesWritten);
        Assert.Contains(manifest.Failures, f => f.Problem.Contains(nameof(InvalidOperationException), StringComparison.Ordinal));
        Assert.Contains(manifest.Failures, f => f.Problem.Contains("not valid UTF-8", StringComparison.Ordinal));

        var said = new StringBuilder().AppendLine(progress.Text).AppendLine(trace.ToString()).AppendLine(console.ToString());
        said.AppendLine(lines.ToString()).AppendLine(DeidRunner.ToJson(manifest));
        foreach (var failure in manifest.Failures)
        {
            said.AppendLine(failure.Id).AppendLine(failure.Problem);
        }

        string everything = said.ToString();
        var phi = KnownPhi(notes);
        Assert.True(phi.Count > 100);
        foreach (var value in phi)
        {
            Assert.DoesNotContain(value, everything, StringComparison.OrdinalIgnoreCase);
        }
    }

    // Every identifier of six characters or more and every name word of four or more; short values
    // (states, ages, two-digit numbers) would match unrelated text.
    private static HashSet<string> KnownPhi(IEnumerable<AnnotatedNote> notes)
    {
        var values = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var note in notes)
        {
            foreach (var span in note.Spans)
            {
                string value = note.Text.Substring(span.Start, span.Length);
                if (span.Type is PhiType.PatientName or PhiType.RelativeName or PhiType.ClinicianName)
                {
                    values.UnionWith(value.Split([' ', ',', '.', '-'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 4));
                }
                else if (value.Length >= 6 && span.Type is not (PhiType.State or PhiType.Age or PhiType.Zip))
                {
                    values.Add(value);
                }
            }
        }

        return values;
    }

    private sealed class QuotingFailure : IPhiDetector
    {
        public void Detect(string text, List<PhiFinding> findings)
        {
            if (text.StartsWith(FailureMarker, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("could not handle: " + text);
            }
        }
    }

    private sealed class CollectingProgress : IProgress<WorkProgress>
    {
        private readonly StringBuilder _said = new();

        public int Reports { get; private set; }

        public string Text
        {
            get
            {
                lock (_said)
                {
                    return _said.ToString();
                }
            }
        }

        public void Report(WorkProgress value)
        {
            lock (_said)
            {
                Reports++;
                _said.AppendLine(value.ToString());
            }
        }
    }
}

/// <summary>Tests that redirect <see cref="Console"/> run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCapture
{
    public const string Name = "console capture";
}
