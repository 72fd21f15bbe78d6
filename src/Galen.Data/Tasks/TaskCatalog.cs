using Galen.Core.Errors;

namespace Galen.Data.Tasks;

/// <summary>One task a user can ask for by name (e.g. <c>galen train --task mortality</c>).</summary>
/// <param name="Name">The short name.</param>
/// <param name="Description">One line for help text, with the defaults.</param>
public sealed record TaskCatalogEntry(string Name, string Description);

/// <summary>
/// What to build, as a user names it: a task's short name and its time parameters. Saved with
/// models so the same samples can be built again from another store.
/// </summary>
/// <param name="Name">A name from <see cref="TaskCatalog.Entries"/>.</param>
/// <param name="ObservationHours">Hours after admission the prediction is made (mortality, length of stay); null for the task's default.</param>
/// <param name="WindowDays">Readmission window in days; null for 30.</param>
public sealed record TaskSpec(string Name, double? ObservationHours = null, double? WindowDays = null)
{
    /// <summary>The task this names.</summary>
    public IClinicalTask Create() => TaskCatalog.Create(this);
}

/// <summary>The clinical tasks by name, with the defaults the CLI and the demo use.</summary>
public static class TaskCatalog
{
    /// <summary>Default hours after admission for early predictions: the first day, which is what a first-day risk model sees.</summary>
    public const double DefaultObservationHours = 24;

    public static IReadOnlyList<TaskCatalogEntry> Entries { get; } =
    [
        new("mortality", "in-hospital mortality predicted at admission + 24 h (--observation-hours)"),
        new("readmission", "readmission within 30 days of discharge (--window-days), predicted at discharge"),
        new("los", "length of stay over 7 days, predicted at admission + 24 h"),
        new("los-buckets", "length of stay in PyHealth's 10 classes, predicted at admission + 24 h"),
        new("next-visit-mortality", "death in the next inpatient visit, predicted at discharge"),
        new("drugs", "drug recommendation: the visit's ATC level-3 classes (multi-label)"),
        new("next-diagnosis", "next visit's diagnosis categories (multi-label)"),
        new("hba1c", "next HbA1c 30-365 days later (regression)"),
        new("egfr", "next eGFR 30-365 days later (regression)"),
    ];

    /// <summary>The names, for help text and errors.</summary>
    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToArray();

    /// <summary>The task named by <paramref name="spec"/>; an unknown name is a configuration error listing the names.</summary>
    public static IClinicalTask Create(TaskSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        double hours = spec.ObservationHours ?? DefaultObservationHours;
        if (hours <= 0 || double.IsNaN(hours))
        {
            throw new GalenConfigurationException($"The observation window must be a positive number of hours (got {spec.ObservationHours}).");
        }

        double days = spec.WindowDays ?? 30;
        if (days <= 0 || double.IsNaN(days))
        {
            throw new GalenConfigurationException($"The readmission window must be a positive number of days (got {spec.WindowDays}).");
        }

        return spec.Name.Trim().ToLowerInvariant() switch
        {
            "mortality" => new InHospitalMortalityTask(hours),
            "readmission" => new ReadmissionTask(days),
            "los" => new LengthOfStayTask(hours, 7),
            "los-buckets" => new LengthOfStayTask(hours, 7, LengthOfStayLabel.PyHealthBuckets),
            "next-visit-mortality" => new NextVisitMortalityTask(),
            "drugs" => new DrugRecommendationTask(3),
            "next-diagnosis" => new NextVisitDiagnosisTask(),
            "hba1c" => DiseaseProgressionTask.HbA1c(),
            "egfr" => DiseaseProgressionTask.Egfr(),
            _ => throw new GalenConfigurationException($"There is no task named '{spec.Name}'.", "Choose one of: " + string.Join(", ", Names) + "."),
        };
    }
}
