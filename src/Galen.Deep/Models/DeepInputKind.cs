namespace Galen.Deep.Models;

/// <summary>The kind of samples a deep model reads.</summary>
public enum DeepInputKind
{
    /// <summary>A <see cref="Core.Learning.FeatureMatrix"/> of tabular features.</summary>
    Tabular,

    /// <summary><see cref="Data.VisitSequenceInputs"/>: visits of clinical codes.</summary>
    VisitSequences,

    /// <summary><see cref="Data.TimeSeriesInputs"/>: vitals and labs over time.</summary>
    TimeSeries,

    /// <summary><see cref="Core.Text.NoteTexts"/>: clinical notes.</summary>
    NoteTexts,
}
