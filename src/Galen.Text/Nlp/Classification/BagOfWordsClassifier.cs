using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Core.Progress;
using Galen.Core.Text;

namespace Galen.Text.Nlp.Classification;

/// <summary>Settings of the bag-of-words baseline.</summary>
/// <param name="C">Inverse L2 strength, as in scikit-learn (larger fits harder).</param>
/// <param name="Bigrams">Also use word pairs.</param>
/// <param name="MaxIterations">L-BFGS iterations at most.</param>
public sealed record BagOfWordsOptions(double C = 10.0, bool Bigrams = true, int MaxIterations = 300);

/// <summary>
/// The honest baseline for note classification: a bag-of-words vectoriser fitted on the training
/// notes and multinomial logistic regression. Deep text models (Galen.Deep) implement the same
/// <see cref="ITrainer{TInputs}"/> of <see cref="NoteTexts"/>, so evaluation and the service treat
/// them alike.
/// </summary>
public sealed class BagOfWordsClassifierTrainer(BagOfWordsOptions options) : ITrainer<NoteTexts>
{
    public BagOfWordsClassifierTrainer()
        : this(new BagOfWordsOptions())
    {
    }

    public string Name => "bag-of-words-logistic";

    public IModel<NoteTexts> Fit(LabelledSet<NoteTexts> train, LabelledSet<NoteTexts>? validation = null, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        var schema = train.Targets.Schema;
        if (schema.Kind is not (LabelKind.Binary or LabelKind.Multiclass))
        {
            throw new GalenConfigurationException($"The bag-of-words classifier predicts binary or multiclass targets; {schema.Name} is {schema.Kind}.");
        }

        int classes = schema.Kind == LabelKind.Binary ? 2 : schema.Classes.Count;
        var labels = new int[train.Count];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = (int)train.Targets.Row(i)[0];
            if (labels[i] < 0 || labels[i] >= classes)
            {
                throw new GalenInputException($"has target {labels[i]} outside the {classes} classes of {schema.Name}.", new SourceLocation("training set", i + 1, schema.Name));
            }
        }

        progress?.Report(new WorkProgress("vocabulary", 0, 1));
        var vectorizer = BagOfWords.Fit(train.Inputs.Texts, options.Bigrams);
        var rows = train.Inputs.Texts.Select(vectorizer.Transform).ToArray();
        progress?.Report(new WorkProgress("vocabulary", 1, 1, $"{vectorizer.Features:N0} terms"));
        var model = SoftmaxRegression.Fit(rows, labels, classes, vectorizer.Features, options.C, options.MaxIterations, cancellationToken: cancellationToken);
        progress?.Report(new WorkProgress("logistic regression", 1, 1, $"{model.Iterations} iterations"));
        return new BagOfWordsClassifier(schema, vectorizer, model, options);
    }
}

/// <summary>A fitted bag-of-words classifier.</summary>
public sealed class BagOfWordsClassifier(LabelSchema schema, BagOfWords vectorizer, SoftmaxRegression model, BagOfWordsOptions options) : IModel<NoteTexts>
{
    public LabelSchema Schema => schema;

    public string Description => $"bag of words ({vectorizer.Features:N0} terms{(options.Bigrams ? ", with word pairs" : string.Empty)}) + multinomial logistic regression (C = {options.C})";

    public Predictions Predict(NoteTexts inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        int width = schema.Width;
        var values = new double[inputs.Count * width];
        Span<double> p = stackalloc double[model.Classes];
        for (int i = 0; i < inputs.Count; i++)
        {
            model.Probabilities(vectorizer.Transform(inputs.Texts[i]), p);
            if (schema.Kind == LabelKind.Binary)
            {
                values[i] = p[1];
            }
            else
            {
                p.CopyTo(values.AsSpan(i * width, width));
            }
        }

        return new Predictions(schema, values);
    }
}
