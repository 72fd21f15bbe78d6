using System.Globalization;
using Galen.Core.Bundles;
using Galen.Core.Errors;
using Galen.Core.Learning;

namespace Galen.Learn.Sources;

/// <summary>How to read a CSV of samples.</summary>
/// <param name="Path">The CSV file (header row, comma-separated, UTF-8).</param>
/// <param name="LabelColumn">The outcome column.</param>
/// <param name="GroupColumn">The patient column; samples of one patient stay on one side of every split. Null: each row is its own patient.</param>
/// <param name="Kind">Binary, multiclass or regression; null infers it (two values: binary; a few text values: multiclass; numbers: regression).</param>
/// <param name="PositiveValue">The label value that is the positive outcome of a binary task; null picks 1, yes, true, positive or the second value in sorted order.</param>
/// <param name="IgnoreColumns">Columns that are neither features nor labels (identifiers, dates).</param>
/// <param name="Classes">Class names in model order, when evaluating a saved multiclass model; null sorts the values seen.</param>
public sealed record CsvSourceOptions(string Path, string LabelColumn, string? GroupColumn = null, LabelKind? Kind = null, string? PositiveValue = null, IReadOnlyList<string>? IgnoreColumns = null, IReadOnlyList<string>? Classes = null);

/// <summary>
/// Reads labelled samples from a CSV: every column except the label, the patient column, the
/// subgroup columns (sex, age_band, ethnicity, matched case-insensitively) and ignored columns is
/// a numeric feature; an empty cell is a missing value. Rows without a label are set aside and
/// counted. Problems are reported with file, line, column and a description of the value (never
/// the value itself, which may identify a patient).
/// </summary>
public static class CsvTrainingSource
{
    private static readonly string[] PositiveWords = ["1", "yes", "true", "positive", "y"];

    public static TrainingData Load(CsvSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(options.Path))
        {
            throw new GalenInputException("The data file does not exist.", new SourceLocation(options.Path), "Check the path given to --data.");
        }

        using var reader = new StreamReader(options.Path);
        var records = CsvRecords.Read(reader).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new GalenInputException("The data file is empty.", new SourceLocation(options.Path, 1));
        }

        var header = records.Current.Fields.Select(h => h.Trim()).ToList();
        int Column(string name, string option)
        {
            int index = header.FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
            return index >= 0 ? index : throw new GalenInputException($"There is no column '{name}'.", new SourceLocation(options.Path, 1, name), $"Give {option} one of: {string.Join(", ", header)}.");
        }

        int label = Column(options.LabelColumn, "--label");
        int group = options.GroupColumn is null ? -1 : Column(options.GroupColumn, "--group");
        var ignored = (options.IgnoreColumns ?? []).Select(c => Column(c, "--ignore")).ToHashSet();
        var attributes = new Dictionary<int, string>();
        foreach (string attribute in new[] { SampleInfo.AttributeNames.Sex, SampleInfo.AttributeNames.AgeBand, SampleInfo.AttributeNames.Ethnicity })
        {
            int index = header.FindIndex(h => string.Equals(h, attribute, StringComparison.OrdinalIgnoreCase));
            if (index >= 0 && index != label && index != group)
            {
                attributes[index] = attribute;
            }
        }

        var featureColumns = Enumerable.Range(0, header.Count).Where(j => j != label && j != group && !ignored.Contains(j) && !attributes.ContainsKey(j)).ToArray();
        var values = new List<float>();
        var labels = new List<string>();
        var samples = new List<SampleInfo>();
        var rejected = new List<RejectedRow>();
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            if (fields.Count != header.Count)
            {
                throw new GalenInputException($"The row has {fields.Count} fields but the header has {header.Count}.", new SourceLocation(options.Path, line), "Check for an unquoted comma or a missing field.");
            }

            string outcome = fields[label].Trim();
            if (outcome.Length == 0)
            {
                rejected.Add(new RejectedRow(line, $"no value in label column '{header[label]}'"));
                continue;
            }

            foreach (int j in featureColumns)
            {
                string text = fields[j].Trim();
                if (text.Length == 0 || text.Equals("NA", StringComparison.OrdinalIgnoreCase) || text.Equals("NaN", StringComparison.OrdinalIgnoreCase))
                {
                    values.Add(float.NaN);
                }
                else if (float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float v))
                {
                    values.Add(v);
                }
                else
                {
                    throw new GalenInputException(
                        $"Feature column '{header[j]}' holds a value that is not a number.",
                        new SourceLocation(options.Path, line, header[j], $"<text of {text.Length} characters>"),
                        "Encode the column as numbers, or leave it out with --ignore.");
                }
            }

            labels.Add(outcome);
            int row = samples.Count;
            string patient = group >= 0 && fields[group].Trim().Length > 0 ? fields[group].Trim() : $"row-{line}";
            var sampleAttributes = attributes.Where(a => fields[a.Key].Trim().Length > 0).ToDictionary(a => a.Value, a => fields[a.Key].Trim());
            samples.Add(new SampleInfo(patient, $"line-{line}", null, sampleAttributes));
        }

        if (samples.Count == 0)
        {
            throw new GalenInputException("The data file has no labelled rows.", new SourceLocation(options.Path), rejected.Count > 0 ? $"{rejected.Count} rows had no value in '{header[label]}'." : null);
        }

        var (schema, targets) = Targets(options, header[label], labels);
        var features = featureColumns.Select(j => new FeatureSpec(header[j], header[j].Replace('_', ' '))).ToArray();
        var data = new LabelledSet<FeatureMatrix>(new FeatureMatrix(features, [.. values]), new TargetMatrix(schema, targets), samples);
        int missing = values.Count(float.IsNaN);
        var card = new ModelCardFacts(
            DataSource: $"CSV file {Path.GetFileName(options.Path)}",
            Cohort: $"{samples.Count} labelled rows of {samples.Select(s => s.PatientKey).Distinct(StringComparer.Ordinal).Count()} patients{(rejected.Count > 0 ? $"; {rejected.Count} rows without a label set aside" : string.Empty)}",
            Outcome: schema.Description,
            Predictors: $"{features.Length} numeric columns: {string.Join(", ", features.Take(12).Select(f => f.Name))}{(features.Length > 12 ? ", …" : string.Empty)}",
            MissingData: missing == 0
                ? "none: every feature value is recorded"
                : string.Create(CultureInfo.InvariantCulture, $"{missing} missing values ({missing / (double)values.Count:P1}); imputed with the training-fold median plus a 0/1 missing indicator per affected column"));
        return new TrainingData(Path.GetFileNameWithoutExtension(options.Path), data, card, rejected);
    }

    private static (LabelSchema Schema, float[] Targets) Targets(CsvSourceOptions options, string column, List<string> labels)
    {
        var distinct = labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        bool numeric = labels.All(l => double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        var kind = options.Kind ?? (distinct.Length == 2 ? LabelKind.Binary : numeric && distinct.Length > 10 ? LabelKind.Regression : LabelKind.Multiclass);
        switch (kind)
        {
            case LabelKind.Binary:
            {
                if (distinct.Length != 2)
                {
                    throw new GalenInputException($"A binary outcome needs exactly two values; '{column}' has {distinct.Length}.", new SourceLocation(options.Path, null, column), "Use --kind multiclass or regression.");
                }

                string positive = options.PositiveValue
                    ?? distinct.FirstOrDefault(d => PositiveWords.Contains(d.ToLowerInvariant()))
                    ?? distinct[1];
                if (!distinct.Contains(positive))
                {
                    throw new GalenInputException($"--positive '{positive}' is not a value of '{column}'.", new SourceLocation(options.Path, null, column), $"Use one of: {string.Join(", ", distinct)}.");
                }

                string negative = distinct.First(d => d != positive);
                var schema = new LabelSchema(column, LabelKind.Binary, [negative, positive], $"{column} = {positive}");
                return (schema, labels.Select(l => l == positive ? 1f : 0f).ToArray());
            }

            case LabelKind.Multiclass:
            {
                if (options.Classes is { } known)
                {
                    var unknown = distinct.Where(d => !known.Contains(d)).ToArray();
                    if (unknown.Length > 0)
                    {
                        throw new GalenInputException($"'{column}' has {unknown.Length} value(s) the model does not know.", new SourceLocation(options.Path, null, column), $"The model's classes are: {string.Join(", ", known)}.");
                    }

                    var fixedSchema = new LabelSchema(column, LabelKind.Multiclass, known, $"{column} (one of {known.Count} classes)");
                    return (fixedSchema, labels.Select(l => (float)known.ToList().IndexOf(l)).ToArray());
                }

                if (distinct.Length > 50)
                {
                    throw new GalenInputException($"'{column}' has {distinct.Length} distinct values, too many for classes.", new SourceLocation(options.Path, null, column), "Use --kind regression for a numeric outcome.");
                }

                var schema = new LabelSchema(column, LabelKind.Multiclass, distinct, $"{column} (one of {distinct.Length} classes)");
                return (schema, labels.Select(l => (float)Array.IndexOf(distinct, l)).ToArray());
            }

            case LabelKind.Regression:
            {
                var targets = new float[labels.Count];
                for (int i = 0; i < labels.Count; i++)
                {
                    if (!float.TryParse(labels[i], NumberStyles.Float, CultureInfo.InvariantCulture, out targets[i]))
                    {
                        throw new GalenInputException($"A regression outcome must be numeric; '{column}' holds text in sample {i + 1}.", new SourceLocation(options.Path, null, column), "Use --kind binary or multiclass.");
                    }
                }

                return (LabelSchema.Regression(column, column), targets);
            }

            default:
                throw new GalenConfigurationException("Multi-label outcomes cannot be read from one CSV column.", "Use a task from the clinical store for multi-label outcomes.");
        }
    }
}
