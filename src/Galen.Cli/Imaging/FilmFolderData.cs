using Galen.Core.Learning;
using Galen.Deep.Imaging;
using Galen.Learn.Sources;

namespace Galen.Cli.Imaging;

/// <summary>The labelled films of a folder read by <see cref="FilmFolderSource"/>.</summary>
/// <param name="Directory">The folder.</param>
/// <param name="LabelsFile">Its labels.csv.</param>
/// <param name="Data">Images, findings and samples (sample key: the film's file; patient key: the patient column, else the file).</param>
/// <param name="Lesions">Each film's lesion box from labels.csv, or null where it has none.</param>
/// <param name="Rejected">Rows set aside (no finding), with their line and reason.</param>
/// <param name="PatientColumn">True when labels.csv named the patient of each film.</param>
public sealed record FilmFolderData(
    string Directory,
    string LabelsFile,
    LabelledSet<ImageSet> Data,
    IReadOnlyList<ImageRegion?> Lesions,
    IReadOnlyList<RejectedRow> Rejected,
    bool PatientColumn);
