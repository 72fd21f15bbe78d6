using System.Text.Json;
using Galen.Core.Errors;

namespace Galen.Serve.Models;

/// <summary>
/// Reads a feature row from JSON <c>{"name": number | null, …}</c> for a model, strictly: every
/// name must be one of the model's features, every value a finite number or null (missing).
/// </summary>
public static class FeatureRowReader
{
    /// <summary>The row in the model's column order, NaN for features not given or null.</summary>
    public static float[] Read(JsonElement features, ServedModel model, string field = "features")
    {
        ArgumentNullException.ThrowIfNull(model);
        if (features.ValueKind != JsonValueKind.Object)
        {
            throw new GalenInputException($"'{field}' must be an object of feature name → number (got {features.ValueKind}).", new SourceLocation("request body", Field: field));
        }

        var row = new float[model.Features.Count];
        Array.Fill(row, float.NaN);
        var unknown = new List<string>();
        foreach (var property in features.EnumerateObject())
        {
            int column = model.ColumnOf(property.Name);
            if (column < 0)
            {
                unknown.Add(property.Name);
                continue;
            }

            row[column] = property.Value.ValueKind switch
            {
                JsonValueKind.Null => float.NaN,
                JsonValueKind.Number when property.Value.TryGetDouble(out double value) && double.IsFinite(value) && Math.Abs(value) <= float.MaxValue => (float)value,
                JsonValueKind.True => 1f,
                JsonValueKind.False => 0f,
                _ => throw new GalenInputException(
                    $"feature '{property.Name}' must be a number, true/false or null (got {property.Value.ValueKind}).",
                    new SourceLocation("request body", Field: field + "." + property.Name)),
            };
        }

        if (unknown.Count > 0)
        {
            throw new GalenInputException(
                $"{model.Entry.Key} has no feature(s) {string.Join(", ", unknown.Take(10).Select(u => "'" + u + "'"))}{(unknown.Count > 10 ? $" and {unknown.Count - 10} more" : string.Empty)}.",
                new SourceLocation("request body", Field: field),
                $"GET /api/models/{model.Id} lists the model's features.");
        }

        return row;
    }
}
