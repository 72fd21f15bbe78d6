using Galen.Core.Learning;

namespace Galen.Data.Tasks;

/// <summary>Share of missing values in one group of feature columns.</summary>
/// <param name="Group">"demographics", "utilisation", "diagnoses", "drugs started", "procedures", or a measurement's display name.</param>
/// <param name="MissingFraction">Missing cells ÷ all cells of the group.</param>
public sealed record FeatureMissingness(string Group, double MissingFraction);

/// <summary>What a built task looks like: who is in it, how common the outcome is, what is missing.</summary>
/// <param name="Task">Task name.</param>
/// <param name="Samples">Samples.</param>
/// <param name="Patients">Distinct patients.</param>
/// <param name="Outcome">Binary: share positive. Multiclass: share of the most common class. Multi-label: mean labels per sample. Regression: mean target.</param>
/// <param name="OutcomeText">The outcome in words, e.g. "12.5 % died".</param>
/// <param name="FeatureColumns">Tabular columns.</param>
/// <param name="MissingFraction">Missing cells ÷ all cells of the tabular matrix.</param>
/// <param name="Missingness">Missingness by feature group, most missing first.</param>
public sealed record CohortSummary(string Task, int Samples, int Patients, double Outcome, string OutcomeText, int FeatureColumns, double MissingFraction, IReadOnlyList<FeatureMissingness> Missingness)
{
    public static CohortSummary Of(TaskDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var targets = dataset.Tabular.Targets;
        var schema = targets.Schema;
        int n = targets.Rows;
        double outcome;
        string text;
        switch (schema.Kind)
        {
            case LabelKind.Binary:
                outcome = n == 0 ? 0 : targets.Values.ToArray().Average(v => (double)v);
                text = $"{outcome:P1} {schema.Classes[1]}";
                break;
            case LabelKind.Multiclass:
                var counts = targets.Values.ToArray().GroupBy(v => (int)v).OrderByDescending(g => g.Count()).ToArray();
                outcome = n == 0 ? 0 : counts[0].Count() / (double)n;
                text = n == 0 ? "no samples" : $"most common: {schema.Classes[counts[0].Key]} ({outcome:P1})";
                break;
            case LabelKind.MultiLabel:
                outcome = n == 0 ? 0 : targets.Values.ToArray().Sum(v => (double)v) / n;
                text = $"{outcome:F1} of {schema.Classes.Count} labels per sample";
                break;
            default:
                outcome = n == 0 ? 0 : targets.Values.ToArray().Average(v => (double)v);
                text = $"mean {outcome:F2} {schema.Unit}";
                break;
        }

        var features = dataset.Tabular.Inputs;
        var display = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var feature in features.Features)
        {
            if (feature.Name.EndsWith("_last", StringComparison.Ordinal))
            {
                display[feature.Name[..^5]] = feature.DisplayName["last ".Length..];
            }
        }

        var groups = new Dictionary<string, (long Missing, long Cells)>(StringComparer.Ordinal);
        long missing = 0;
        for (int c = 0; c < features.Columns; c++)
        {
            string group = GroupOf(features.Features[c].Name, display);
            long columnMissing = 0;
            for (int r = 0; r < features.Rows; r++)
            {
                if (float.IsNaN(features[r, c]))
                {
                    columnMissing++;
                }
            }

            missing += columnMissing;
            var (m, cells) = groups.GetValueOrDefault(group);
            groups[group] = (m + columnMissing, cells + features.Rows);
        }

        var missingness = groups.Select(g => new FeatureMissingness(g.Key, g.Value.Cells == 0 ? 0 : g.Value.Missing / (double)g.Value.Cells))
            .OrderByDescending(g => g.MissingFraction).ThenBy(g => g.Group, StringComparer.Ordinal).ToArray();
        long all = (long)features.Rows * features.Columns;
        return new CohortSummary(dataset.Task, n, dataset.Samples.Select(s => s.PatientKey).Distinct(StringComparer.Ordinal).Count(), outcome, text,
            features.Columns, all == 0 ? 0 : missing / (double)all, missingness);
    }

    private static string GroupOf(string name, Dictionary<string, string> measurementDisplay)
    {
        if (name is "age_years" or "sex_female")
        {
            return "demographics";
        }

        if (name.StartsWith("dx_", StringComparison.Ordinal))
        {
            return "diagnoses";
        }

        if (name.StartsWith("rx_", StringComparison.Ordinal))
        {
            return "drugs started";
        }

        if (name.StartsWith("px_", StringComparison.Ordinal))
        {
            return "procedures";
        }

        int cut = name.LastIndexOf('_');
        return cut > 0 && measurementDisplay.TryGetValue(name[..cut], out var label) ? label : "utilisation";
    }
}
