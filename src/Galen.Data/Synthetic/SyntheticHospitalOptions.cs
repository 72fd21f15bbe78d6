using Galen.Core.Errors;
using Galen.Core.Randomness;

namespace Galen.Data.Synthetic;

/// <summary>What to generate. The same options (and seed) always give the same hospital.</summary>
public sealed record SyntheticHospitalOptions
{
    /// <summary>Number of patients (each has at least one admission).</summary>
    public int Patients { get; init; } = 1000;

    /// <summary>Seed for every random choice.</summary>
    public int Seed { get; init; } = Seeds.Default;

    /// <summary>"standard" (built in) or a folder with notes.txt and phrases.txt.</summary>
    public string NoteTemplates { get; init; } = Notes.NoteTemplateSet.StandardName;

    /// <summary>Patients generated per batch; memory is bounded by about two batches.</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>Threads used for generating and rendering; output does not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Throws a <see cref="GalenConfigurationException"/> naming the first bad option.</summary>
    public void Validate()
    {
        if (Patients < 1)
        {
            throw new GalenConfigurationException($"The number of patients must be at least 1 (got {Patients}).");
        }

        if (Patients > 50_000_000)
        {
            throw new GalenConfigurationException($"The number of patients must be at most 50,000,000 (got {Patients}).", "Generate several hospitals with different seeds instead.");
        }

        if (BatchSize < 1)
        {
            throw new GalenConfigurationException($"The batch size must be at least 1 (got {BatchSize}).");
        }

        if (MaxDegreeOfParallelism < 1)
        {
            throw new GalenConfigurationException($"The degree of parallelism must be at least 1 (got {MaxDegreeOfParallelism}).");
        }
    }
}
