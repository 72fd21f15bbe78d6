using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Core.Text;
using Galen.Deep.Models;
using Galen.Deep.Models.Text;
using Galen.Deep.Persistence;
using Galen.Deep.Tests.Fixtures;
using Galen.Deep.Text;
using Galen.Deep.Training;
using Galen.Evaluation.Metrics;
using static TorchSharp.torch;

namespace Galen.Deep.Tests.Text;

public sealed class TextClassifierTests : IDisposable
{
    private readonly string _folder = Fast.TemporaryDirectory();

    public static TheoryData<TextArchitecture> Architectures => new() { TextArchitecture.Cnn, TextArchitecture.BiLstm };

    private static TextClassifierOptions Options(TextArchitecture architecture, TrainerOptions training, double dropout = 0.2) => new()
    {
        Architecture = architecture,
        EmbeddingSize = 16,
        KernelWidths = [2, 3],
        Filters = 16,
        HiddenSize = 16,
        Dropout = dropout,
        MinWordCount = 1,
        Training = training,
    };

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Each_architecture_learns_that_only_the_word_pair_heart_failure_marks_a_positive_note(TextArchitecture architecture)
    {
        var (train, trainY) = PlantedText.HeartFailureNotes(600, seed: 1);
        var (test, testY) = PlantedText.HeartFailureNotes(200, seed: 2);
        var trainer = new TextClassifierTrainer(Options(architecture, Fast.Trainer(epochs: 8, batchSize: 32, learningRate: 1e-2)));

        using var model = trainer.Fit(PlantedText.Set(train, PlantedText.HeartFailure, trainY));
        var labels = testY.Select(y => y == 1f).ToArray();
        double auroc = BinaryRanking.Auroc(labels, model.Predict(test).Values);
        double prevalence = BinaryRanking.Auroc(labels, Enumerable.Repeat((double)trainY.Average(), labels.Length).ToArray());

        // Every note holds both words "heart" and "failure"; a bag of single words ranks at chance.
        Assert.Equal(0.5, prevalence);
        Assert.True(auroc > 0.95, $"{architecture}: test AUROC {auroc:F3}");
    }

    [Fact]
    public void A_multiclass_cnn_names_the_disease_from_one_drug_or_symptom()
    {
        var (train, trainY) = PlantedText.DiseaseNotes(500, seed: 3);
        var (test, testY) = PlantedText.DiseaseNotes(200, seed: 4);

        using var model = new TextClassifierTrainer(Options(TextArchitecture.Cnn, Fast.Trainer(epochs: 6, batchSize: 32, learningRate: 1e-2)))
            .Fit(PlantedText.Set(train, PlantedText.Disease, trainY));
        double accuracy = ClassificationAccuracy.Multiclass(testY, model.Predict(test).Values, 4);

        // The majority class would be right about a quarter of the time.
        Assert.True(accuracy > 0.9, $"accuracy {accuracy:F3}");
    }

    [Fact]
    public void A_multi_label_bilstm_finds_every_disease_a_note_mentions()
    {
        var (a, aY) = PlantedText.DiseaseNotes(400, seed: 5);
        var (b, bY) = PlantedText.DiseaseNotes(400, seed: 6);
        var notes = new NoteTexts(a.Texts.Zip(b.Texts, (x, y) => x + " " + y).ToArray());
        var labels = new float[400 * 4];
        for (int i = 0; i < 400; i++)
        {
            labels[(i * 4) + (int)aY[i]] = 1f;
            labels[(i * 4) + (int)bY[i]] = 1f;
        }

        var schema = new LabelSchema("diseases", LabelKind.MultiLabel, PlantedText.Disease.Classes, "diseases the note mentions");
        var set = PlantedText.Set(notes, schema, labels);
        using var model = new TextClassifierTrainer(Options(TextArchitecture.BiLstm, Fast.Trainer(epochs: 8, batchSize: 32, learningRate: 1e-2)))
            .Fit(set.Select(Enumerable.Range(0, 300).ToArray()));
        var test = set.Select(Enumerable.Range(300, 100).ToArray());
        double macro = MultiLabelRanking.MacroAuroc(test.Targets.Values, model.Predict(test.Inputs).Values, 4);

        Assert.True(macro > 0.9, $"macro AUROC {macro:F3}");
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Each_architecture_overfits_a_tiny_batch(TextArchitecture architecture)
    {
        var (notes, _) = PlantedText.DiseaseNotes(16, seed: 7);
        var rng = new Random(8);
        var noise = Enumerable.Range(0, 16).Select(_ => rng.NextDouble() < 0.5 ? 1f : 0f).ToArray();

        using var model = new TextClassifierTrainer(Options(architecture, Fast.Trainer(epochs: 80, batchSize: 16, learningRate: 1e-2), dropout: 0))
            .Fit(PlantedText.Set(notes, PlantedText.HeartFailure, noise));

        Assert.True(model.Training!.Epochs[^1].Training["loss"] < 0.05, $"{architecture}: final loss {model.Training.Epochs[^1].Training["loss"]:F4}");
        var predicted = model.Predict(notes).Values.ToArray();
        Assert.All(Enumerable.Range(0, 16), i => Assert.Equal(noise[i] == 1f, predicted[i] > 0.5));
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Gradients_reach_every_trained_parameter(TextArchitecture architecture)
    {
        var (notes, _) = PlantedText.DiseaseNotes(12, seed: 9);
        var vocabulary = WordVocabulary.Fit(notes.Texts, new TextTokenizer(), 1, null, WordVocabulary.Basic);
        var options = Options(architecture, Fast.Trainer(), dropout: 0) with { Layers = 2 };
        manual_seed(1);
        using var network = options.CreateNetwork(vocabulary.Size, 16, outputs: 3);
        using var scope = NewDisposeScope();
        var batch = new TextEncoding(new TextTokenizer(), vocabulary, 64).Encode(notes.Texts).Batch(Enumerable.Range(0, 12).ToArray(), CPU);

        var dead = Gradients.Dead(network, network.call(batch).pow(2).mean());

        Assert.Empty(dead);
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void A_saved_classifier_loads_with_identical_predictions(TextArchitecture architecture)
    {
        var (notes, labels) = PlantedText.DiseaseNotes(120, seed: 10);
        using var model = new TextClassifierTrainer(Options(architecture, Fast.Trainer(epochs: 2))).Fit(PlantedText.Set(notes, PlantedText.Disease, labels));
        string path = Path.Combine(_folder, architecture + ".galen-model");

        model.Save(path);
        using var loaded = DeepModelArchive.Load<TextClassifierModel>(path);

        Assert.Equal(model.Predict(notes).Values.ToArray(), loaded.Predict(notes).Values.ToArray());
        Assert.Equal(model.Encoding.Vocabulary.Words, loaded.Encoding.Vocabulary.Words);
        Assert.Equal(model.Schema.Classes, loaded.Schema.Classes);
        Assert.Equal(model.Description, loaded.Description);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Classifiers_start_from_word2vec_vectors_frozen_or_fine_tuned(bool freeze)
    {
        var corpus = PlantedText.Word2VecCorpus(200, seed: 11);
        using var words = new Word2VecTrainer(Word2VecTests.Options(epochs: 2)).Fit(corpus);
        var (notes, labels) = PlantedText.DiseaseNotes(200, seed: 12);
        var options = Options(TextArchitecture.Cnn, Fast.Trainer(epochs: 3)) with { PretrainedEmbeddings = words, FreezeEmbeddings = freeze };

        using var model = new TextClassifierTrainer(options).Fit(PlantedText.Set(notes, PlantedText.Disease, labels));
        var start = words.Vectors().Skip(words.Dimensions).ToArray();                 // the padding row is zeroed
        var after = ((TextCnnNetwork)model.Network).Embedding.weight!.detach().cpu().data<float>().ToArray().Skip(words.Dimensions).ToArray();

        Assert.Equal(words.Vocabulary.Words, model.Encoding.Vocabulary.Words);
        Assert.Equal(words.Dimensions, model.Options.EmbeddingSize);
        Assert.Equal(freeze, start.SequenceEqual(after));
        Assert.Contains(freeze ? "frozen" : "fine-tuned", model.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_catalog_makes_note_classifiers_by_name()
    {
        var trainer = DeepModelCatalog.Create<NoteTexts>("text-bilstm", new DeepModelSettings { HiddenSize = 8 });

        Assert.Equal("text-bilstm", trainer.Name);
        Assert.Equal(TextArchitecture.BiLstm, ((TextClassifierTrainer)trainer).Options.Architecture);
        Assert.Throws<GalenConfigurationException>(() => DeepModelCatalog.Create<Galen.Deep.Data.VisitSequenceInputs>("text-cnn", new DeepModelSettings()));
    }

    [Fact]
    public void A_note_without_words_is_refused_with_its_position()
    {
        var (notes, labels) = PlantedText.DiseaseNotes(40, seed: 13);
        using var model = new TextClassifierTrainer(Options(TextArchitecture.Cnn, Fast.Trainer(epochs: 1))).Fit(PlantedText.Set(notes, PlantedText.Disease, labels));

        var error = Assert.Throws<GalenInputException>(() => model.Predict(new NoteTexts(["fever and chills", " -- ", "cough"])));

        Assert.Equal(2, error.Location?.Line);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
