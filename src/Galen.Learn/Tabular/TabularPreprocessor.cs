using Galen.Core.Learning;

namespace Galen.Learn.Tabular;

/// <summary>
/// Missing-value handling and scaling for tabular models, learned from training rows only:
/// a missing value (NaN) is replaced by the training median of its column and, for columns that
/// had missing values in training, flagged in an added 0/1 "missing" column; numeric columns
/// are optionally standardised with the training mean and standard deviation (linear models
/// need this, trees do not).
/// </summary>
/// <param name="standardize">Standardise numeric columns.</param>
/// <param name="missingIndicators">Add a 0/1 column per feature that had missing values in training.</param>
public sealed class TabularPreprocessor(bool standardize, bool missingIndicators = true) : IFeaturizer
{
    public IFittedFeaturizer Fit(FeatureMatrix train) => FitTabular(train);

    /// <summary>Fits and returns the concrete fitted type (serialisable into bundles).</summary>
    public FittedTabularPreprocessor FitTabular(FeatureMatrix train)
    {
        ArgumentNullException.ThrowIfNull(train);
        int columns = train.Columns;
        var medians = new float[columns];
        var means = new float[columns];
        var scales = new float[columns];
        var hadMissing = new bool[columns];
        var buffer = new float[train.Rows];
        var sorter = new Trees.FloatRadixSort(train.Rows);
        var values = train.Values;
        for (int j = 0; j < columns; j++)
        {
            int observed = 0;
            for (int i = 0; i < train.Rows; i++)
            {
                float v = values[(i * columns) + j];
                if (float.IsNaN(v))
                {
                    hadMissing[j] = true;
                }
                else
                {
                    buffer[observed++] = v;
                }
            }

            var column = buffer.AsSpan(0, observed);
            if (column.Length == 0)
            {
                medians[j] = 0;
                means[j] = 0;
                scales[j] = 1;
                continue;
            }

            sorter.Sort(column);
            int n = column.Length;
            medians[j] = n % 2 == 1 ? column[n / 2] : (float)((column[(n / 2) - 1] + (double)column[n / 2]) / 2);

            // Mean and deviation of the imputed column, which is what the model sees.
            double sum = 0, squares = 0;
            int missing = train.Rows - n;
            foreach (float v in column)
            {
                sum += v;
            }

            sum += missing * (double)medians[j];
            double mean = sum / train.Rows;
            foreach (float v in column)
            {
                squares += (v - mean) * (v - mean);
            }

            squares += missing * (medians[j] - mean) * (medians[j] - mean);
            double sd = Math.Sqrt(squares / train.Rows);
            bool scale = standardize && train.Features[j].Kind == FeatureKind.Numeric;
            means[j] = scale ? (float)mean : 0;
            scales[j] = scale && sd > 1e-12 ? (float)sd : 1;
        }

        var indicatorOf = missingIndicators ? Enumerable.Range(0, columns).Where(j => hadMissing[j]).ToArray() : [];
        return new FittedTabularPreprocessor(train.Features, medians, means, scales, indicatorOf);
    }
}
