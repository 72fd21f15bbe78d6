using Galen.Core.Errors;
using Galen.Deep.Models.Text;
using Galen.Deep.Persistence;
using Galen.Deep.Tests.Fixtures;
using Galen.Deep.Text;
using Galen.Deep.Training;
using static TorchSharp.torch;

namespace Galen.Deep.Tests.Text;

/// <summary>word2vec trained once on the planted corpus, shared by the tests that only query it.</summary>
public sealed class PlantedWord2Vec : IDisposable
{
    public PlantedWord2Vec()
    {
        Corpus = PlantedText.Word2VecCorpus(400, seed: 1);
        Model = new Word2VecTrainer(Word2VecTests.Options(epochs: 8)).Fit(Corpus);
    }

    public string[] Corpus { get; }

    public Word2VecModel Model { get; }

    public void Dispose() => Model.Dispose();
}

public sealed class Word2VecTests(PlantedWord2Vec trained) : IClassFixture<PlantedWord2Vec>, IDisposable
{
    private readonly string _folder = Fast.TemporaryDirectory();

    internal static Word2VecOptions Options(int epochs, int seed = 7) => new()
    {
        Dimensions = 24,
        Window = 4,
        MinCount = 2,
        Training = Fast.Trainer(epochs: epochs, batchSize: 256, learningRate: 1e-2, seed: seed),
    };

    [Fact]
    public void The_nearest_neighbours_of_each_disease_are_its_planted_drugs_and_symptoms()
    {
        var model = trained.Model;
        int words = model.Vocabulary.Size - model.Vocabulary.Specials;

        foreach (var (disease, related) in PlantedText.Topics)
        {
            var neighbours = model.NearestNeighbours(disease, 6).Select(n => n.Word).ToArray();
            int found = neighbours.Count(related.Contains);

            // Random neighbours would hold 6 × 6 / (words − 1) ≈ 1.1 of them.
            Assert.True(found >= 5, $"{disease}: {string.Join(", ", neighbours)} holds {found} of {string.Join(", ", related)} ({words} words)");
            Assert.DoesNotContain(disease, neighbours);
        }
    }

    [Fact]
    public void The_context_words_of_each_disease_are_the_drugs_and_symptoms_written_around_it()
    {
        var model = trained.Model;
        foreach (var (disease, related) in PlantedText.Topics)
        {
            var context = model.ContextWords([disease], 6).Select(n => n.Word).ToArray();

            Assert.True(context.Count(related.Contains) >= 5, $"{disease}: {string.Join(", ", context)}");
            Assert.DoesNotContain(disease, context);
        }

        // The score is the cosine of the query's input vector with the word's output (context) vector.
        var best = model.ContextWords(["copd"], 1)[0];
        var input = model.Vector("copd");
        using var outputs = model.Network.OutputVectors.detach().cpu();
        using var row = outputs[model.Vocabulary.Find(best.Word)];
        var output = row.data<float>().ToArray();
        double cosine = input.Zip(output, (a, b) => (double)a * b).Sum() / Math.Sqrt(input.Sum(a => (double)a * a) * output.Sum(b => (double)b * b));
        Assert.Equal(cosine, best.Similarity, 4);
    }

    [Fact]
    public void A_disease_is_more_similar_to_its_own_drugs_and_symptoms_than_to_another_diseases()
    {
        var model = trained.Model;
        foreach (var (disease, related) in PlantedText.Topics)
        {
            double own = related.Average(w => model.Similarity(disease, w));
            double other = PlantedText.Topics.Where(t => t.Disease != disease).SelectMany(t => t.Related).Average(w => model.Similarity(disease, w));

            Assert.True(own > other + 0.3, $"{disease}: own {own:F3}, other {other:F3}");
        }

        Assert.Equal(1.0, model.Similarity("sepsis", "Sepsis"), 5);
    }

    [Fact]
    public void Several_words_can_be_queried_together_and_analogies_leave_out_their_own_words()
    {
        var model = trained.Model;

        var together = model.NearestNeighbours(["vancomycin", "meropenem"], 4).Select(n => n.Word).ToArray();
        var analogy = model.Analogy("heartfailure", "furosemide", "sepsis", 5).Select(n => n.Word).ToArray();

        Assert.True(together.Count(w => w == "sepsis" || PlantedText.Topics[0].Related.Contains(w)) >= 3, string.Join(", ", together));
        Assert.DoesNotContain("vancomycin", together);
        Assert.DoesNotContain("sepsis", analogy);
        Assert.DoesNotContain("furosemide", analogy);
        Assert.True(analogy.Count(PlantedText.Topics[0].Related.Contains) >= 3, string.Join(", ", analogy));
    }

    [Fact]
    public void A_saved_model_loads_with_identical_vectors_and_neighbours()
    {
        var model = trained.Model;
        string path = Path.Combine(_folder, "words.galen-model");

        model.Save(path);
        using var loaded = DeepModelArchive.Load<Word2VecModel>(path);

        Assert.Equal(model.Vectors(), loaded.Vectors());
        Assert.Equal(model.Vocabulary.Words, loaded.Vocabulary.Words);
        Assert.Equal(model.Vocabulary.Counts, loaded.Vocabulary.Counts);
        Assert.Equal(model.NearestNeighbours("copd", 5), loaded.NearestNeighbours("copd", 5));
        Assert.Equal(model.Description, loaded.Description);
        Assert.Equal(model.Options.Window, loaded.Options.Window);
    }

    [Fact]
    public void An_unknown_word_is_refused_by_name()
    {
        var error = Assert.Throws<GalenInputException>(() => trained.Model.NearestNeighbours("zebra"));

        Assert.Contains("'zebra'", error.Message, StringComparison.Ordinal);
        Assert.False(trained.Model.Contains("zebra"));
    }

    [Fact]
    public void The_same_seed_gives_the_same_vectors_and_another_seed_other_ones()
    {
        var corpus = PlantedText.Word2VecCorpus(60, seed: 2);

        using var first = new Word2VecTrainer(Options(epochs: 1)).Fit(corpus);
        using var second = new Word2VecTrainer(Options(epochs: 1)).Fit(corpus);
        using var other = new Word2VecTrainer(Options(epochs: 1, seed: 8)).Fit(corpus);

        Assert.Equal(first.Vectors(), second.Vectors());
        Assert.NotEqual(first.Vectors(), other.Vectors());
    }

    [Fact]
    public void It_overfits_a_tiny_corpus()
    {
        // Six words, so noise draws often hit a true context: the loss cannot reach zero.
        string[] corpus = ["aspirin clopidogrel stent", "insulin glucose ketones", "aspirin clopidogrel stent", "insulin glucose ketones"];
        var options = Options(epochs: 150) with { MinCount = 1, Window = 2, Subsample = 0, Training = Fast.Trainer(epochs: 150, batchSize: 12, learningRate: 5e-2) };

        using var model = new Word2VecTrainer(options).Fit(corpus);
        var epochs = model.Training!.Epochs;

        Assert.True(epochs[^1].Training["loss"] < 0.4 * epochs[0].Training["loss"], $"loss {epochs[0].Training["loss"]:F3} → {epochs[^1].Training["loss"]:F3}");
        Assert.Contains(model.NearestNeighbours("aspirin", 1)[0].Word, new[] { "clopidogrel", "stent" });
    }

    [Fact]
    public void Gradients_reach_both_word_tables()
    {
        manual_seed(1);
        using var network = new SkipGramNetwork(10, 4);
        using var scope = NewDisposeScope();

        // With the output vectors at zero, one step reaches them; a second forward after a
        // nudge reaches the input vectors too.
        using (no_grad())
        {
            network.parameters().Last().normal_();
        }

        var loss = network.call(tensor(new long[] { 2, 3 }), tensor(new long[] { 4, 5 }), tensor(new long[] { 6, 7, 8, 9 }).reshape(2, 2));
        var dead = Gradients.Dead(network, loss);

        Assert.Empty(dead);
    }

    [Fact]
    public void Too_little_text_is_a_configuration_error()
    {
        var error = Assert.Throws<GalenConfigurationException>(() => new Word2VecTrainer(Options(epochs: 1)).Fit(["one lonely note"]));

        Assert.Contains("too little", error.Message, StringComparison.Ordinal);
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
