using System.Globalization;
using Galen.Core.Errors;
using Galen.Data.Tasks;

namespace Galen.Data.Scoring;

/// <summary>
/// The binary clinical tasks by name, rebuilt from the name and canonical parameter text a task
/// reports (<see cref="IClinicalTask.Name"/>, <see cref="IClinicalTask.Parameters"/>), so a
/// served model can featurize patients for the task it was trained on.
/// </summary>
public static class ClinicalTasks
{
    /// <summary>Names of the tasks <see cref="Create"/> knows.</summary>
    public static IReadOnlyList<string> Names { get; } = ["in_hospital_mortality", "readmission", "length_of_stay", "next_visit_mortality"];

    /// <summary>
    /// The task named <paramref name="name"/> with <paramref name="parameters"/> (e.g.
    /// "observation_hours=48"; empty or null for the task's defaults). The rebuilt task reports
    /// exactly these parameters, or this throws.
    /// </summary>
    public static IClinicalTask Create(string name, string? parameters)
    {
        ArgumentNullException.ThrowIfNull(name);
        var values = Parse(parameters, name);
        double Number(string key, double fallback) =>
            values.TryGetValue(key, out var text)
                ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value
                    : throw new GalenInputException($"Task parameter {key} of {name} is not a number.", new SourceLocation("task parameters", Field: key))
                : fallback;
        IClinicalTask task = name switch
        {
            "in_hospital_mortality" => new InHospitalMortalityTask(Number("observation_hours", 48)),
            "readmission" => new ReadmissionTask(Number("window_days", 30)),
            "length_of_stay" => new LengthOfStayTask(Number("observation_hours", 24), Number("threshold_days", 7)),
            "next_visit_mortality" => new NextVisitMortalityTask(),
            _ => throw new GalenInputException(
                $"There is no binary clinical task named '{name}' to featurize patients for (known: {string.Join(", ", Names)}).",
                new SourceLocation("task parameters", Field: "task")),
        };
        var actual = Parse(task.Parameters, name);
        if (values.Any(pair => !actual.TryGetValue(pair.Key, out var value) || !SameValue(value, pair.Value)))
        {
            throw new GalenInputException(
                $"The parameters '{parameters}' do not describe a {name} task (it takes '{task.Parameters}').",
                new SourceLocation("task parameters", Field: "task_parameters"));
        }

        return task;
    }

    private static Dictionary<string, string> Parse(string? parameters, string name)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in (parameters ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new GalenInputException($"Task parameters of {name} must be key=value pairs (got a part of {part.Length} characters without '=').", new SourceLocation("task parameters", Field: "task_parameters"));
            }

            values[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        return values;
    }

    private static bool SameValue(string a, string b) =>
        string.Equals(a, b, StringComparison.Ordinal)
        || (double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out double y) && x == y);
}
