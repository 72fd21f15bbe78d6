using Galen.Core.Learning;
using Galen.Core.Text;
using Galen.Text.Nlp.Classification;

namespace Galen.Text.Tests.Nlp;

public sealed class ClassificationTests
{
    private static readonly double[][] X =
    [
        [1.0, 0.0, 0.5], [0.9, 0.1, 0.4], [0.8, 0.3, 0.0], [1.2, 0.0, 0.1],
        [0.0, 1.0, 0.2], [0.1, 0.9, 0.6], [0.3, 1.1, 0.0], [0.0, 0.8, 0.3],
        [0.2, 0.1, 1.0], [0.0, 0.3, 0.9], [0.4, 0.0, 1.2], [0.1, 0.2, 0.8],
        [0.6, 0.6, 0.6], [0.9, 0.9, 0.0],
    ];

    private static readonly int[] Y = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 0, 1];

    // Golden probabilities from scikit-learn 1.2.1 (bench/peers/softmax_golden.py), rows 0, 4, 8, 12, 13.
    [Theory]
    [InlineData(1.0, new[] { 0.658449, 0.126766, 0.214785, 0.134830, 0.723053, 0.142117, 0.241876, 0.159157, 0.598967, 0.372819, 0.367236, 0.259945, 0.410615, 0.516105, 0.073280 })]
    [InlineData(10.0, new[] { 0.923139, 0.012675, 0.064186, 0.019509, 0.964731, 0.015760, 0.096702, 0.015371, 0.887927, 0.502046, 0.341228, 0.156726, 0.321104, 0.675599, 0.003297 })]
    public void Softmax_regression_matches_scikit_learn(double c, double[] expected)
    {
        var rows = X.Select(r => new SparseRow([0, 1, 2], r.Select(v => (float)v).ToArray())).ToArray();
        var model = SoftmaxRegression.Fit(rows, Y, 3, 3, c, maxIterations: 2000, tolerance: 1e-9);
        var p = new double[3];
        int k = 0;
        foreach (int row in new[] { 0, 4, 8, 12, 13 })
        {
            model.Probabilities(rows[row], p);
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(expected[k++], p[j], 4);
            }
        }
    }

    [Fact]
    public void The_bag_of_words_baseline_learns_a_note_category_and_generalises_to_new_notes()
    {
        var rng = new Random(3);
        string[] cardiac = ["chest pain", "troponin", "ecg", "stent", "atrial fibrillation", "beta blocker", "murmur"];
        string[] lung = ["cough", "wheezing", "inhaler", "spirometry", "oxygen", "sputum", "pneumonia"];
        string[] filler = ["patient", "seen", "today", "plan", "follow up", "stable", "labs", "reviewed", "home"];
        (string, int) Note(int label)
        {
            var words = Enumerable.Range(0, 25).Select(_ => rng.NextDouble() < 0.3 ? (label == 1 ? cardiac : lung)[rng.Next(7)] : filler[rng.Next(filler.Length)]);
            return (string.Join(' ', words), label);
        }

        var train = Enumerable.Range(0, 200).Select(i => Note(i % 2)).ToArray();
        var test = Enumerable.Range(0, 100).Select(i => Note(i % 2)).ToArray();
        var schema = LabelSchema.Binary("cardiac_note", "the note is about the heart");
        var set = new LabelledSet<NoteTexts>(new NoteTexts(train.Select(t => t.Item1).ToArray()), new TargetMatrix(schema, train.Select(t => (float)t.Item2).ToArray()),
            train.Select((_, i) => new SampleInfo("p" + i, "n" + i, null, new Dictionary<string, string>())).ToArray());
        var model = new BagOfWordsClassifierTrainer().Fit(set);
        var predictions = model.Predict(new NoteTexts(test.Select(t => t.Item1).ToArray()));
        double accuracy = test.Select((t, i) => (predictions.Row(i)[0] >= 0.5 ? 1 : 0) == t.Item2 ? 1.0 : 0.0).Average();
        Assert.True(accuracy > 0.95, $"accuracy {accuracy}");
        Assert.Contains("bag of words", model.Description, StringComparison.Ordinal);
    }
}
