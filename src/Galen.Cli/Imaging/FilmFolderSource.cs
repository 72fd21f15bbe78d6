using System.Globalization;
using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Core.Progress;
using Galen.Data.Synthetic.Imaging;
using Galen.Deep.Imaging;
using Galen.Learn.Sources;

namespace Galen.Cli.Imaging;

/// <summary>
/// Reads a folder of labelled chest films as <c>galen synth images</c> writes it: <c>labels.csv</c>
/// (columns <c>file</c> relative to the folder, <c>finding</c> and/or <c>class_index</c>,
/// optionally <c>patient</c> and the lesion box <c>lesion_left</c>, <c>lesion_top</c>,
/// <c>lesion_right</c>, <c>lesion_bottom</c>; other columns are ignored) and the PNG files it
/// names. A row that cannot be read stops the read with its line, column and value; a row with
/// neither a finding nor a class index is set aside and counted.
/// </summary>
public static class FilmFolderSource
{
    /// <summary>The findings a film may have, in class-index order.</summary>
    public static LabelSchema Schema { get; } = new("finding", LabelKind.Multiclass, ChestFilmFindings.Names, "finding on the chest film");

    private static readonly string[] BoxColumns = ["lesion_left", "lesion_top", "lesion_right", "lesion_bottom"];

    /// <summary>Reads the folder's labels.csv and every film it names (in parallel; progress per film).</summary>
    public static FilmFolderData Read(string directory, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new GalenInputException("The image folder does not exist.", new SourceLocation(directory), "Write one with galen synth images --out FOLDER.");
        }

        string labels = Path.Combine(directory, "labels.csv");
        if (!File.Exists(labels))
        {
            throw new GalenInputException("The image folder has no labels.csv.", new SourceLocation(labels), "galen synth images writes one: a header row, then file,finding,class_index,… per film.");
        }

        var rows = new List<Row>();
        var rejected = new List<RejectedRow>();
        Columns? columns = null;
        int line = 0;
        foreach (string text in File.ReadLines(labels))
        {
            line++;
            if (columns is null)
            {
                columns = Columns.Parse(text, labels);
                continue;
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var row = columns.Read(text, labels, line, directory);
            if (row is null)
            {
                rejected.Add(new RejectedRow(line, "no finding or class_index"));
            }
            else
            {
                rows.Add(row);
            }
        }

        if (columns is null)
        {
            throw new GalenInputException("labels.csv is empty.", new SourceLocation(labels, 1), "The first line must be a header naming at least file and finding or class_index.");
        }

        if (rows.Count == 0)
        {
            throw new GalenInputException("labels.csv has no labelled films.", new SourceLocation(labels), rejected.Count > 0 ? $"{rejected.Count} rows had no finding." : null);
        }

        var pixels = new float[rows.Count][];
        var shapes = new ImageShape[rows.Count];
        var failures = new GalenInputException?[rows.Count];
        int done = 0;
        progress?.Report(new WorkProgress("films", 0, rows.Count));
        Parallel.For(0, rows.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var row = rows[i];
            try
            {
                (pixels[i], shapes[i]) = PngImages.Read(row.Path, ImageColor.Gray);
            }
            catch (GalenInputException e)
            {
                // Kept per row, so the first bad line in the file is the one reported, whatever the thread order.
                failures[i] = new GalenInputException($"The film of this row cannot be read: {e.Problem}", new SourceLocation(labels, row.Line, "file", row.File), e.Remedy, e);
            }

            int read = Interlocked.Increment(ref done);
            if (read % 64 == 0 || read == rows.Count)
            {
                progress?.Report(new WorkProgress("films", read, rows.Count));
            }
        });

        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            throw failure;
        }

        var shape = shapes[0];
        for (int i = 1; i < rows.Count; i++)
        {
            if (shapes[i] != shape)
            {
                throw new GalenInputException(
                    $"The film is {shapes[i].Height}×{shapes[i].Width} but the first film ({rows[0].File}) is {shape.Height}×{shape.Width}.",
                    new SourceLocation(labels, rows[i].Line, "file", rows[i].File),
                    "Every film of a folder must have one size.");
            }
        }

        var images = ImageSet.FromArrays(pixels, shape, labels);
        var targets = new TargetMatrix(Schema, rows.Select(r => (float)r.ClassIndex).ToArray());
        var samples = rows.Select(r => new SampleInfo(r.Patient ?? r.File, r.File, null, new Dictionary<string, string>())).ToArray();
        return new FilmFolderData(directory, labels, new LabelledSet<ImageSet>(images, targets, samples), rows.Select(r => r.Lesion).ToArray(), rejected, columns.HasPatient);
    }

    private sealed record Row(int Line, string File, string Path, int ClassIndex, string? Patient, ImageRegion? Lesion);

    /// <summary>Where each column the reader uses sits in the header.</summary>
    private sealed class Columns
    {
        private int _count;
        private int _file;
        private int _finding;
        private int _classIndex;
        private int _patient;
        private int[] _box = [];

        public bool HasPatient => _patient >= 0;

        public static Columns Parse(string header, string labels)
        {
            var names = header.Split(',').Select(n => n.Trim()).ToArray();
            int At(string name) => Array.FindIndex(names, n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
            var columns = new Columns
            {
                _count = names.Length,
                _file = At("file"),
                _finding = At("finding"),
                _classIndex = At("class_index"),
                _patient = At("patient"),
            };
            if (columns._file < 0)
            {
                throw new GalenInputException("labels.csv has no 'file' column.", new SourceLocation(labels, 1, "file"), "The header must name the film's file (relative to the folder) in a column 'file'.");
            }

            if (columns._finding < 0 && columns._classIndex < 0)
            {
                throw new GalenInputException("labels.csv has neither a 'finding' nor a 'class_index' column.", new SourceLocation(labels, 1, "finding"), "Name each film's finding (" + string.Join(", ", Schema.Classes) + ") or its class index (0, 1, 2).");
            }

            var box = BoxColumns.Select(At).ToArray();
            columns._box = box.All(i => i >= 0) ? box : [];
            return columns;
        }

        /// <summary>The row, or null when it has no label (set aside).</summary>
        public Row? Read(string text, string labels, int line, string directory)
        {
            var fields = text.Split(',');
            if (fields.Length != _count)
            {
                throw new GalenInputException($"The row has {fields.Length} fields but the header has {_count}.", new SourceLocation(labels, line), "Check for a comma inside a value or a missing field.");
            }

            string file = fields[_file].Trim();
            if (file.Length == 0)
            {
                throw new GalenInputException("The row names no film file.", new SourceLocation(labels, line, "file"));
            }

            string path = Path.GetFullPath(Path.Combine(directory, file));
            string finding = _finding >= 0 ? fields[_finding].Trim() : string.Empty;
            string index = _classIndex >= 0 ? fields[_classIndex].Trim() : string.Empty;
            if (finding.Length == 0 && index.Length == 0)
            {
                return null;
            }

            int? byName = null;
            if (finding.Length > 0)
            {
                int found = Schema.Classes.ToList().FindIndex(c => c.Equals(finding, StringComparison.OrdinalIgnoreCase));
                byName = found >= 0
                    ? found
                    : throw new GalenInputException($"'{finding}' is not a finding.", new SourceLocation(labels, line, "finding", finding), "Use one of: " + string.Join(", ", Schema.Classes) + ".");
            }

            int? byIndex = null;
            if (index.Length > 0)
            {
                byIndex = int.TryParse(index, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= 0 && value < Schema.Width
                    ? value
                    : throw new GalenInputException($"'{index}' is not a class index.", new SourceLocation(labels, line, "class_index", index), $"Use 0 to {Schema.Width - 1} ({string.Join(", ", Schema.Classes)}).");
            }

            if (byName is { } n && byIndex is { } k && n != k)
            {
                throw new GalenInputException(
                    $"The finding '{finding}' is class {n} but class_index says {k}.",
                    new SourceLocation(labels, line, "class_index", index),
                    "Make the two columns agree, or leave one empty.");
            }

            string? patient = _patient >= 0 && fields[_patient].Trim() is { Length: > 0 } p ? p : null;
            return new Row(line, file, path, byName ?? byIndex!.Value, patient, Box(fields, labels, line));
        }

        private ImageRegion? Box(string[] fields, string labels, int line)
        {
            if (_box.Length == 0 || _box.All(i => fields[i].Trim().Length == 0))
            {
                return null;
            }

            var values = new int[4];
            for (int j = 0; j < 4; j++)
            {
                string value = fields[_box[j]].Trim();
                if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out values[j]))
                {
                    throw new GalenInputException($"The lesion box needs four whole pixel positions; '{value}' is not one.", new SourceLocation(labels, line, BoxColumns[j], value), "Give all four or leave all four empty.");
                }
            }

            return new ImageRegion(values[0], values[1], values[2], values[3]);
        }
    }
}
