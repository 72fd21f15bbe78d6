using Galen.Core.Learning;
using Galen.Deep.Data;

namespace Galen.Deep.Tests.Fixtures;

/// <summary>
/// Vital-sign series with a planted signal and 40% of values missing at random. Channel 0
/// ("creatinine") drifts with a patient-specific slope: the regression target is that slope
/// (disease progression). Channel 1 ("lactate") is noise around 1 except that warning patients
/// rise over their last steps: the classification target (early warning). Channel 2 is noise.
/// </summary>
internal static class SyntheticSeries
{
    public static readonly FeatureSpec[] Channels =
    [
        new("creatinine", "creatinine", FeatureKind.Numeric, "mg/dL"),
        new("lactate", "lactate", FeatureKind.Numeric, "mmol/L"),
        new("heart_rate", "heart rate", FeatureKind.Numeric, "/min"),
    ];

    public static readonly LabelSchema Progression = LabelSchema.Regression("creatinine_slope", "creatinine change per step", "mg/dL");

    public static readonly LabelSchema Warning = LabelSchema.Binary("deterioration", "deterioration in the next hours");

    public static (TimeSeriesInputs Inputs, float[] Slope, float[] Warning) Generate(int samples, int seed)
    {
        var rng = new Random(seed);
        var series = new List<float[]>(samples);
        var slopes = new float[samples];
        var warnings = new float[samples];
        for (int s = 0; s < samples; s++)
        {
            int steps = rng.Next(6, 16);
            float slope = (float)((rng.NextDouble() * 0.4) - 0.1);
            bool warning = rng.NextDouble() < 0.3;
            var values = new float[steps * Channels.Length];
            float baseline = 1f + (float)rng.NextDouble();
            for (int t = 0; t < steps; t++)
            {
                float creatinine = baseline + (slope * t) + (float)(0.05 * Gaussian(rng));
                float lactate = 1f + (float)(0.3 * Gaussian(rng)) + (warning && t >= steps - 4 ? 1.5f * (t - steps + 5) : 0f);
                float heartRate = 80f + (float)(10 * Gaussian(rng));
                values[(t * 3) + 0] = Missing(rng) ? float.NaN : creatinine;
                values[(t * 3) + 1] = Missing(rng) && t < steps - 1 ? float.NaN : lactate;
                values[(t * 3) + 2] = Missing(rng) ? float.NaN : heartRate;
            }

            series.Add(values);
            slopes[s] = slope;
            warnings[s] = warning ? 1f : 0f;
        }

        return (TimeSeriesInputs.Create(Channels, series), slopes, warnings);
    }

    public static LabelledSet<TimeSeriesInputs> Set(TimeSeriesInputs inputs, LabelSchema schema, float[] targets) =>
        new(inputs, new TargetMatrix(schema, targets), SyntheticVisits.Infos(inputs.Count));

    private static bool Missing(Random rng) => rng.NextDouble() < 0.4;

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
