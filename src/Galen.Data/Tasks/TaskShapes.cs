namespace Galen.Data.Tasks;

/// <summary>Which sample shapes a task build produces, combinable.</summary>
[Flags]
public enum TaskShapes
{
    /// <summary>Windowed aggregates as a <see cref="Galen.Core.Learning.FeatureMatrix"/> (always built).</summary>
    Tabular = 1,

    /// <summary>Visit code sets as a <see cref="Galen.Core.Learning.Sequences.VisitSequenceSet"/>.</summary>
    Visits = 2,

    /// <summary>Binned lab and vital time series with masks as a <see cref="Galen.Core.Learning.Sequences.TimeSeriesSet"/>.</summary>
    TimeSeries = 4,

    All = Tabular | Visits | TimeSeries,
}
