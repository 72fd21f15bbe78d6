namespace Galen.Data.Preprocessing;

/// <summary>Per-column statistics over the non-missing values of a feature matrix, as NumPy computes them.</summary>
internal static class ColumnStatistics
{
    /// <summary>The non-missing values of one column, as doubles.</summary>
    public static List<double> Observed(Galen.Core.Learning.FeatureMatrix matrix, int column)
    {
        var values = new List<double>(matrix.Rows);
        for (int r = 0; r < matrix.Rows; r++)
        {
            float v = matrix[r, column];
            if (!float.IsNaN(v))
            {
                values.Add(v);
            }
        }

        return values;
    }

    public static double Mean(List<double> values) => values.Count == 0 ? double.NaN : values.Sum() / values.Count;

    /// <summary>Population variance (ddof = 0), NumPy's <c>nanvar</c>.</summary>
    public static double Variance(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        double mean = Mean(values);
        double sum = 0;
        foreach (double v in values)
        {
            sum += (v - mean) * (v - mean);
        }

        return sum / values.Count;
    }

    /// <summary>NumPy's <c>nanquantile</c> with linear interpolation.</summary>
    public static double Quantile(List<double> values, double q)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        double h = (sorted.Length - 1) * q;
        int low = (int)Math.Floor(h);
        int high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((h - low) * (sorted[high] - sorted[low]));
    }

    public static double Median(List<double> values) => Quantile(values, 0.5);

    /// <summary>The most frequent value; ties go to the smallest (SciPy's mode).</summary>
    public static double Mode(List<double> values) =>
        values.Count == 0 ? double.NaN : values.GroupBy(v => v).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
}
