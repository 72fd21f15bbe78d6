using Galen.Core.Errors;
using Galen.Deep.Models.Text;
using Galen.Deep.Persistence;
using Galen.Deep.Tests.Fixtures;
using Galen.Deep.Text;
using Galen.Deep.Training;
using static TorchSharp.torch;

namespace Galen.Deep.Tests.Text;

/// <summary>A seq2seq model trained once on the planted code-to-instruction pairs.</summary>
public sealed class PlantedSeq2Seq : IDisposable
{
    public PlantedSeq2Seq()
    {
        var (sources, targets) = PlantedText.InstructionPairs(500, seed: 1);
        var (testSources, testTargets) = PlantedText.InstructionPairs(60, seed: 2);
        Test = new TextPairs(testSources, testTargets);
        var options = Seq2SeqTests.Options(Fast.Trainer(epochs: 12, batchSize: 32, learningRate: 1e-2) with { GradientClipNorm = 1.0, Monitor = Seq2SeqTests.Bleu });
        Model = new Seq2SeqTrainer(options).Fit(new TextPairs(sources, targets), Test);
    }

    public TextPairs Test { get; }

    public Seq2SeqModel Model { get; }

    public void Dispose() => Model.Dispose();
}

public sealed class Seq2SeqTests(PlantedSeq2Seq trained) : IClassFixture<PlantedSeq2Seq>, IDisposable
{
    internal const string Bleu = "bleu";

    private readonly string _folder = Fast.TemporaryDirectory();

    internal static Seq2SeqOptions Options(TrainerOptions training) => new()
    {
        EmbeddingSize = 16,
        HiddenSize = 32,
        Dropout = 0,
        MaxTargetTokens = 40,
        Training = training,
    };

    [Fact]
    public void It_learns_to_write_the_instructions_its_codes_determine()
    {
        var scores = trained.Model.Score(trained.Test);

        // Measured here (one thread): BLEU 1.0 on the held-out pairs after 12 epochs.
        Assert.True(scores.Bleu.Score > 0.9, $"BLEU {scores.Bleu.Score:F3}, ROUGE-L {scores.RougeL.F:F3}");
        Assert.True(scores.RougeL.F > 0.95, $"ROUGE-L {scores.RougeL.F:F3}");
        Assert.True(trained.Model.Training!.FinalValidation[Bleu] > 0.9);
        Assert.All(scores.Generated, g => Assert.True(g.Finished));
    }

    [Fact]
    public void Beam_search_with_one_beam_writes_exactly_what_greedy_decoding_writes()
    {
        var sources = trained.Test.Sources.Concat(["dx:C3", "dx:C7 dx:C7 dx:C1", "dx:unknown"]).ToArray();
        var model = trained.Model;

        var greedy = model.Generate(sources, DecodingOptions.Greedy);
        var beam = model.Generate(sources, new DecodingOptions(BeamWidth: 1));
        var truncated = model.Generate(sources, new DecodingOptions(BeamWidth: 1, MaxLength: 4));

        Assert.Equal(greedy.Select(g => g.Text), beam.Select(b => b.Text));
        Assert.Equal(model.Generate(sources, new DecodingOptions(MaxLength: 4)).Select(g => g.Text), truncated.Select(t => t.Text));
        Assert.All(truncated, t => Assert.True(t.Tokens.Count <= 4));
    }

    [Fact]
    public void A_wider_beam_ranks_by_length_normalised_log_probability()
    {
        var model = trained.Model;
        var sources = trained.Test.Sources.Take(10).ToArray();

        var greedy = model.Generate(sources);
        var beam = model.Generate(sources, new DecodingOptions(BeamWidth: 4, LengthPenalty: 1.0));

        for (int i = 0; i < sources.Length; i++)
        {
            double greedyScore = greedy[i].LogProbability / (greedy[i].Tokens.Count + 1);
            double beamScore = beam[i].LogProbability / (beam[i].Tokens.Count + 1);
            Assert.True(beamScore >= greedyScore - 1e-5, $"{sources[i]}: beam {beamScore} < greedy {greedyScore}");
        }
    }

    [Fact]
    public void A_saved_model_loads_with_identical_generations()
    {
        string path = Path.Combine(_folder, "instructions.galen-model");
        var model = trained.Model;

        model.Save(path);
        using var loaded = DeepModelArchive.Load<Seq2SeqModel>(path);
        var beam = new DecodingOptions(BeamWidth: 3);

        Assert.Equal(model.Generate(trained.Test.Sources).Select(g => (g.Text, g.LogProbability)), loaded.Generate(trained.Test.Sources).Select(g => (g.Text, g.LogProbability)));
        Assert.Equal(model.Generate(trained.Test.Sources, beam).Select(g => g.Text), loaded.Generate(trained.Test.Sources, beam).Select(g => g.Text));
        Assert.Equal(model.TargetVocabulary.Words, loaded.TargetVocabulary.Words);
        Assert.Equal(model.Description, loaded.Description);
    }

    [Fact]
    public void It_overfits_a_tiny_batch_word_for_word()
    {
        var (sources, targets) = PlantedText.InstructionPairs(6, seed: 3);
        var options = Options(Fast.Trainer(epochs: 120, batchSize: 6, learningRate: 1e-2));

        using var model = new Seq2SeqTrainer(options).Fit(new TextPairs(sources, targets));
        var written = model.Generate(sources).Select(g => g.Text).ToArray();

        Assert.True(model.Training!.Epochs[^1].Training["loss"] < 0.05, $"final loss {model.Training.Epochs[^1].Training["loss"]:F4}");
        Assert.Equal(targets.Select(t => TextTokenizer.Detokenize(new TextTokenizer(KeepPunctuation: true).Tokenize(t))), written);
    }

    [Fact]
    public void Gradients_reach_every_parameter_with_teacher_forcing_and_with_scheduled_sampling()
    {
        var (sources, targets) = PlantedText.InstructionPairs(8, seed: 4);
        var options = Options(Fast.Trainer());
        var sourceVocabulary = WordVocabulary.Fit(sources, options.SourceTokenizer, 1, null, WordVocabulary.Basic);
        var targetVocabulary = WordVocabulary.Fit(targets, options.TargetTokenizer, 1, null, WordVocabulary.SequenceMarkers);
        var pairs = EncodedPairs.Encode(new TextPairs(sources, targets), new TextEncoding(options.SourceTokenizer, sourceVocabulary, 50), options.TargetTokenizer, targetVocabulary, 40, "test");
        foreach (double forcing in new[] { 1.0, 0.5 })
        {
            manual_seed(1);
            using var network = (options with { TeacherForcing = forcing }).CreateNetwork(sourceVocabulary.Size, targetVocabulary.Size);
            network.train();
            using var scope = NewDisposeScope();
            var batch = pairs.Batch(Enumerable.Range(0, 8).ToArray(), CPU);

            var dead = Gradients.Dead(network, network.call(batch).pow(2).mean());

            Assert.Empty(dead);
        }
    }

    [Fact]
    public void Decoding_settings_that_cannot_work_are_refused()
    {
        Assert.Throws<GalenConfigurationException>(() => trained.Model.Generate(["dx:C1"], new DecodingOptions(BeamWidth: 0)));
        Assert.Throws<GalenConfigurationException>(() => (Options(Fast.Trainer()) with { TeacherForcing = 0 }).Validate());
        Assert.Throws<GalenInputException>(() => new TextPairs(["a"], ["b", "c"]));
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
