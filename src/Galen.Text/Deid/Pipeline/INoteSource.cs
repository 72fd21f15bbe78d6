namespace Galen.Text.Deid.Pipeline;

/// <summary>
/// Where notes come from, one at a time (so memory stays constant in the input's size): a file, a
/// folder (<see cref="FileNoteSource"/>), or — through the same interface — the store's note table.
/// </summary>
public interface INoteSource
{
    /// <summary>Words for progress output, e.g. "folder notes/ (1,204 files)"; never patient data.</summary>
    string Description { get; }

    /// <summary>Notes in the source, when known in advance (for progress bars).</summary>
    long? Count { get; }

    IEnumerable<SourceNote> Notes(CancellationToken cancellationToken);
}

/// <summary>Where de-identified notes go: files under a folder (<see cref="FolderNoteSink"/>) or a store table.</summary>
public interface INoteSink
{
    /// <summary>Writes one de-identified note. Called from several threads at once.</summary>
    void Write(string id, string patientPseudonym, string text);
}
