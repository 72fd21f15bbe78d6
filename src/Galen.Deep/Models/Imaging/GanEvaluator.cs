using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Deep.Data;
using Galen.Deep.Imaging;

namespace Galen.Deep.Models.Imaging;

/// <summary>Computes a <see cref="GanEvaluation"/> for a conditional GAN with a classifier trained on real images of the same classes.</summary>
public static class GanEvaluator
{
    private const int DiversitySample = 100;

    /// <param name="gan">The trained GAN.</param>
    /// <param name="classifier">A classifier of the same classes, trained on real images.</param>
    /// <param name="real">Real labelled images the GAN and the classifier did not train on.</param>
    /// <param name="perClass">Images generated per class.</param>
    /// <param name="seed">Seed of the generated images.</param>
    public static GanEvaluation Evaluate(ImageGanModel gan, IModel<ImageSet> classifier, LabelledSet<ImageSet> real, int perClass = 100, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(gan);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(real);
        ArgumentOutOfRangeException.ThrowIfLessThan(perClass, 2);
        var names = gan.Schema.Classes;
        if (!classifier.Schema.Classes.SequenceEqual(names) || classifier.Schema.Kind is not (LabelKind.Binary or LabelKind.Multiclass))
        {
            throw new GalenConfigurationException(
                $"The classifier predicts '{classifier.Schema.Name}' ({string.Join(", ", classifier.Schema.Classes)}) but the GAN generates {string.Join(", ", names)}.",
                "Evaluate with a binary or multiclass classifier of the GAN's classes.");
        }

        int k = names.Count;
        var generated = gan.Generate(perClass, seed);
        var predictedGenerated = PredictedClasses(classifier, generated);
        var realClasses = MiniBatchSampler.ClassesOf(real.Targets);
        var predictedReal = PredictedClasses(classifier, real.Inputs);
        var results = new List<GanClassResult>();
        for (int c = 0; c < k; c++)
        {
            var generatedRows = Enumerable.Range(c * perClass, perClass).ToArray();
            var realRows = Enumerable.Range(0, real.Count).Where(i => realClasses[i] == c).ToArray();
            double generatedAgreement = generatedRows.Count(i => predictedGenerated[i] == c) / (double)perClass;
            double realAgreement = realRows.Length == 0 ? double.NaN : realRows.Count(i => predictedReal[i] == c) / (double)realRows.Length;
            results.Add(new GanClassResult(names[c], perClass, generatedAgreement, realAgreement, Diversity(generated, generatedRows), Diversity(real.Inputs, realRows)));
        }

        var (likeTraining, _) = gan.GenerateLikeTraining(perClass * k, seed + 1);
        var predicted = PredictedClasses(classifier, likeTraining);
        var shares = Enumerable.Range(0, k).Select(c => predicted.Count(p => p == c) / (double)predicted.Length).ToArray();
        double distance = 0.5 * shares.Zip(gan.ClassShares, (a, b) => Math.Abs(a - b)).Sum();
        var ratios = results.Where(r => r.RealDiversity > 0).Select(r => r.GeneratedDiversity / r.RealDiversity).ToArray();
        return new GanEvaluation(
            results,
            results.Average(r => r.GeneratedAgreement),
            results.Where(r => !double.IsNaN(r.RealAgreement)).Select(r => r.RealAgreement).DefaultIfEmpty(double.NaN).Average(),
            gan.ClassShares,
            shares,
            distance,
            ratios.Length == 0 ? double.NaN : ratios.Average(),
            seed);
    }

    /// <summary>The class a classifier predicts for each image: the most probable one (binary: positive at 0.5 and above).</summary>
    public static int[] PredictedClasses(IModel<ImageSet> classifier, ImageSet images)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(images);
        var predictions = classifier.Predict(images);
        var values = predictions.Values;
        int width = classifier.Schema.Width;
        var classes = new int[images.Count];
        for (int i = 0; i < images.Count; i++)
        {
            if (width == 1)
            {
                classes[i] = values[i] >= 0.5 ? 1 : 0;
                continue;
            }

            int best = 0;
            for (int c = 1; c < width; c++)
            {
                if (values[(i * width) + c] > values[(i * width) + best])
                {
                    best = c;
                }
            }

            classes[i] = best;
        }

        return classes;
    }

    /// <summary>Mean pairwise RMS distance over (at most <see cref="DiversitySample"/> of) the given images.</summary>
    public static double Diversity(ImageSet images, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(rows);
        var sample = rows.Take(DiversitySample).ToArray();
        if (sample.Length < 2)
        {
            return double.NaN;
        }

        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < sample.Length; a++)
        {
            var first = images[sample[a]];
            for (int b = a + 1; b < sample.Length; b++)
            {
                var second = images[sample[b]];
                double squares = 0;
                for (int i = 0; i < first.Length; i++)
                {
                    double d = first[i] - second[i];
                    squares += d * d;
                }

                sum += Math.Sqrt(squares / first.Length);
                pairs++;
            }
        }

        return sum / pairs;
    }
}
