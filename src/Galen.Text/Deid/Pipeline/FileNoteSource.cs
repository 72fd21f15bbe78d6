using System.Globalization;
using Galen.Core.Errors;

namespace Galen.Text.Deid.Pipeline;

/// <summary>
/// Notes from a file or from every file under a folder (recursively, in ordinal path order), read
/// one at a time. A note's patient key is its first folder under the root ("notes/10023/a.txt" →
/// "10023"), or the file's name without extension when it lies at the root.
/// </summary>
public sealed class FileNoteSource : INoteSource
{
    private readonly string _root;
    private readonly bool _single;
    private readonly string[] _files;
    private readonly NoteReadLimits _limits;

    public FileNoteSource(string path, NoteReadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
        string full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            _root = Path.GetDirectoryName(full)!;
            _single = true;
            _files = [full];
        }
        else if (Directory.Exists(full))
        {
            _root = full;
            _files = Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        }
        else
        {
            throw new GalenInputException("does not exist.", new SourceLocation(path), "Give a note file or a folder of notes.");
        }
    }

    public string Description => _single ? "1 file" : string.Create(CultureInfo.InvariantCulture, $"{_files.Length:N0} files");

    public long? Count => _files.Length;

    public IEnumerable<SourceNote> Notes(CancellationToken cancellationToken)
    {
        foreach (var file in _files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string id = Path.GetRelativePath(_root, file).Replace('\\', '/');
            string patient = PatientKeyOf(id);
            var (text, problem) = NoteFileReader.Read(file, _limits);
            yield return text is null ? SourceNote.Unreadable(id, patient, problem!) : SourceNote.Readable(id, patient, text);
        }
    }

    /// <summary>The patient key the folder layout gives a note's relative path.</summary>
    public static string PatientKeyOf(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        int slash = relativePath.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? relativePath[..slash] : Path.GetFileNameWithoutExtension(relativePath);
    }
}

/// <summary>Writes de-identified notes under a folder, at the same relative paths as their sources.</summary>
public sealed class FolderNoteSink : INoteSink
{
    private readonly string _root;

    public FolderNoteSink(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    public void Write(string id, string patientPseudonym, string text)
    {
        ArgumentNullException.ThrowIfNull(id);
        string path = Path.GetFullPath(Path.Combine(_root, id));
        if (!path.StartsWith(_root, StringComparison.Ordinal))
        {
            throw new GalenInputException("would be written outside the output folder.", new SourceLocation(id), "Note ids must be relative paths.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, NoteFileReader.Utf8NoBom);
    }
}
