using System.Globalization;
using Galen.Core.Learning;

namespace Galen.Data.Preprocessing;

/// <summary>
/// Replaces each categorical column (<see cref="FeatureKind.Categorical"/>) by one 0/1 column per
/// level seen in the training rows ("name=level"). A level not seen in training, or a missing
/// value, gives all zeros. Other columns pass through, in place.
/// </summary>
public sealed class OneHotEncoder : IFeaturizer
{
    public IFittedFeaturizer Fit(FeatureMatrix train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var levels = new float[train.Columns][];
        for (int c = 0; c < train.Columns; c++)
        {
            levels[c] = train.Features[c].Kind == FeatureKind.Categorical
                ? ColumnStatistics.Observed(train, c).Distinct().Order().Select(v => (float)v).ToArray()
                : [];
        }

        return new Fitted(train.Features, levels);
    }

    private sealed class Fitted : IFittedFeaturizer
    {
        private readonly IReadOnlyList<FeatureSpec> _inputs;
        private readonly float[][] _levels;

        public Fitted(IReadOnlyList<FeatureSpec> inputs, float[][] levels)
        {
            _inputs = inputs;
            _levels = levels;
            var outputs = new List<FeatureSpec>();
            for (int c = 0; c < inputs.Count; c++)
            {
                var spec = inputs[c];
                if (spec.Kind != FeatureKind.Categorical)
                {
                    outputs.Add(spec);
                    continue;
                }

                foreach (float level in levels[c])
                {
                    string text = level.ToString(CultureInfo.InvariantCulture);
                    outputs.Add(new FeatureSpec($"{spec.Name}={text}", $"{spec.DisplayName} = {text}", FeatureKind.Binary));
                }
            }

            OutputFeatures = outputs;
        }

        public IReadOnlyList<FeatureSpec> OutputFeatures { get; }

        public FeatureMatrix Transform(FeatureMatrix rows)
        {
            ArgumentNullException.ThrowIfNull(rows);
            FeatureShape.Check(rows, _inputs);
            int width = OutputFeatures.Count;
            var output = new float[rows.Rows * width];
            for (int r = 0; r < rows.Rows; r++)
            {
                int o = r * width;
                for (int c = 0; c < _inputs.Count; c++)
                {
                    float v = rows[r, c];
                    if (_inputs[c].Kind != FeatureKind.Categorical)
                    {
                        output[o++] = v;
                        continue;
                    }

                    foreach (float level in _levels[c])
                    {
                        output[o++] = v == level ? 1f : 0f;
                    }
                }
            }

            return new FeatureMatrix(OutputFeatures, output);
        }
    }
}
