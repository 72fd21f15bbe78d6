using System.Globalization;
using Galen.Core.Explaining;
using Galen.Core.Learning;

namespace Galen.Evaluation.Explanations;

/// <summary>Turns feature contributions into the few reasons that matter most for one patient.</summary>
public static class ReasonWriter
{
    /// <summary>
    /// The <paramref name="count"/> features with the largest absolute contribution for row
    /// <paramref name="row"/>, worded with the feature's display name, the patient's value and
    /// unit, and the direction of the push.
    /// </summary>
    /// <param name="inputs">The raw inputs the contributions were computed for.</param>
    /// <param name="row">The patient's row.</param>
    /// <param name="contributions">Contributions for the same rows and features.</param>
    /// <param name="count">Reasons to return.</param>
    /// <param name="outcome">Words for what the model predicts, e.g. "the risk of death".</param>
    public static IReadOnlyList<Reason> TopReasons(FeatureMatrix inputs, int row, FeatureContributions contributions, int count = 3, string outcome = "the risk")
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(contributions);
        if (contributions.Features.Count != inputs.Columns || contributions.Rows != inputs.Rows)
        {
            throw new ArgumentException($"Contributions cover {contributions.Rows} rows × {contributions.Features.Count} features; inputs are {inputs.Rows} × {inputs.Columns}.", nameof(contributions));
        }

        var values = contributions.Row(row).ToArray();
        return Enumerable.Range(0, inputs.Columns)
            .Where(j => values[j] != 0)
            .OrderByDescending(j => Math.Abs(values[j]))
            .Take(count)
            .Select(j =>
            {
                var feature = inputs.Features[j];
                float value = inputs[row, j];
                string direction = values[j] > 0 ? "raises " + outcome : "lowers " + outcome;
                return new Reason(feature, value, values[j], $"{Describe(feature, value)} {direction}");
            })
            .ToArray();
    }

    /// <summary>A feature and its value in words: "age 67 years", "diabetes: yes", "lactate not recorded".</summary>
    public static string Describe(FeatureSpec feature, float value)
    {
        ArgumentNullException.ThrowIfNull(feature);
        if (float.IsNaN(value))
        {
            return feature.DisplayName + " not recorded";
        }

        if (feature.Kind == FeatureKind.Binary)
        {
            return feature.DisplayName + (value >= 0.5f ? ": yes" : ": no");
        }

        string number = value.ToString(Math.Abs(value) >= 100 ? "0" : "0.##", CultureInfo.InvariantCulture);
        return string.IsNullOrEmpty(feature.Unit)
            ? $"{feature.DisplayName} {number}"
            : $"{feature.DisplayName} {number} {feature.Unit}";
    }
}
