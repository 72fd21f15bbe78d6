using System.Globalization;
using Galen.Core.Bundles;
using Galen.Core.Learning;
using Galen.Learn.Sources;

namespace Galen.Learn.Datasets;

/// <summary>Data sets shipped inside Galen (see Datasets/README.md for sources and licences).</summary>
public static class BuiltInDatasets
{
    private static readonly string[] BreastCancerFeatureNames =
    [
        "mean radius", "mean texture", "mean perimeter", "mean area", "mean smoothness", "mean compactness", "mean concavity", "mean concave points", "mean symmetry", "mean fractal dimension",
        "radius error", "texture error", "perimeter error", "area error", "smoothness error", "compactness error", "concavity error", "concave points error", "symmetry error", "fractal dimension error",
        "worst radius", "worst texture", "worst perimeter", "worst area", "worst smoothness", "worst compactness", "worst concavity", "worst concave points", "worst symmetry", "worst fractal dimension",
    ];

    /// <summary>
    /// Wisconsin Diagnostic Breast Cancer: 569 patients, 30 image features, outcome malignant (1)
    /// or benign (0). One sample per patient; no demographic attributes.
    /// </summary>
    public static TrainingData BreastCancer()
    {
        using var stream = typeof(BuiltInDatasets).Assembly.GetManifestResourceStream("Galen.Learn.Datasets.breast_cancer.csv")
            ?? throw new InvalidOperationException("The breast-cancer data set is not embedded in Galen.Learn.");
        using var reader = new StreamReader(stream);
        return ReadSklearnFormat(reader, "breast_cancer.csv");
    }

    /// <summary>Reads scikit-learn's breast-cancer layout (header "rows,features,class0,class1"; target 0 = malignant).</summary>
    public static TrainingData ReadSklearnFormat(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string header = reader.ReadLine() ?? throw new Core.Errors.GalenInputException("The file is empty.", new Core.Errors.SourceLocation(source, 1));
        var parts = header.Split(',');
        int rows = int.Parse(parts[0], CultureInfo.InvariantCulture);
        int columns = int.Parse(parts[1], CultureInfo.InvariantCulture);
        var values = new float[rows * columns];
        var targets = new float[rows];
        var samples = new SampleInfo[rows];
        for (int i = 0; i < rows; i++)
        {
            string line = reader.ReadLine() ?? throw new Core.Errors.GalenInputException($"Expected {rows} rows, found {i}.", new Core.Errors.SourceLocation(source, i + 2));
            var fields = line.Split(',');
            for (int j = 0; j < columns; j++)
            {
                values[(i * columns) + j] = float.Parse(fields[j], NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            // scikit-learn codes malignant as 0; Galen predicts malignancy, so it is the positive class.
            targets[i] = fields[columns] == "0" ? 1 : 0;
            samples[i] = new SampleInfo($"wdbc-{i + 1:D3}", $"wdbc-{i + 1:D3}", null, new Dictionary<string, string>());
        }

        var features = BreastCancerFeatureNames.Select(n => new FeatureSpec(n.Replace(' ', '_'), n)).ToArray();
        var schema = LabelSchema.Binary("malignant", "the breast mass is malignant", "benign", "malignant");
        var data = new LabelledSet<FeatureMatrix>(new FeatureMatrix(features, values), new TargetMatrix(schema, targets), samples);
        var card = new ModelCardFacts(
            DataSource: "Wisconsin Diagnostic Breast Cancer data (University of Wisconsin, 1995; UCI repository), as shipped with scikit-learn 1.2.1",
            DataDates: "collected 1989–1995 at University of Wisconsin Hospitals (no per-sample dates published)",
            Cohort: "569 women with a breast mass sampled by fine-needle aspiration; one sample per patient",
            Outcome: "malignant versus benign diagnosis of the mass, confirmed by histology or follow-up",
            Predictors: "30 nuclear features (mean, standard error and worst of 10 measurements) from a digitised image of the aspirate",
            MissingData: "none: every feature is recorded for every patient",
            IntendedUse: "demonstration and benchmarking of Galen's tabular models; not for clinical decisions",
            Limitations: "single centre, small, no demographic attributes (so no subgroup analysis), images from the early 1990s");
        return new TrainingData("breast-cancer", data, card, []);
    }
}
