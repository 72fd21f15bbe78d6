using Galen.Core.Errors;
using Galen.Deep.Persistence;
using Galen.Deep.Text;
using Galen.Deep.Training;
using Galen.Deep.Training.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Models.Text;

/// <summary>
/// The text families' case of <see cref="DeepModelCodec"/>: word2vec, note classifiers and
/// seq2seq models save their settings and vocabularies in <see cref="DeepModelDocument.Text"/>
/// and their network's weights in the weights entry, like every deep model.
/// </summary>
internal static class TextModelCodec
{
    /// <summary>True for the text families' names.</summary>
    public static bool Reads(string family) => family is Word2VecModel.FamilyName or TextClassifierModel.FamilyName or Seq2SeqModel.FamilyName;

    /// <summary>True for the text families' models.</summary>
    public static bool Writes(IDeepModel model) => model is Word2VecModel or TextClassifierModel or Seq2SeqModel;

    /// <summary>The configuration document, the network to save and the objective of a text model.</summary>
    public static (DeepModelDocument Document, nn.Module Network, TrainingObjective Objective) Describe(IDeepModel model)
    {
        switch (model)
        {
            case Word2VecModel words:
                return (
                    new DeepModelDocument
                    {
                        Family = words.Family,
                        Description = words.Description,
                        Schema = words.Schema,
                        Text = new TextModelDocument { Word2Vec = words.Options, Vocabulary = VocabularyDocument.From(words.Vocabulary) },
                        Trainer = words.Options.Training,
                        Training = words.Training,
                    },
                    words.Network,
                    new BinaryObjective(words.Schema));
            case TextClassifierModel classifier:
                return (
                    new DeepModelDocument
                    {
                        Family = classifier.Family,
                        Description = classifier.Description,
                        Schema = classifier.Schema,
                        Text = new TextModelDocument
                        {
                            Classifier = classifier.Options,
                            PretrainedFrom = classifier.PretrainedFrom,
                            Vocabulary = VocabularyDocument.From(classifier.Encoding.Vocabulary),
                        },
                        Trainer = classifier.Options.Training,
                        Training = classifier.Training,
                    },
                    classifier.Network,
                    classifier.Objective);
            case Seq2SeqModel generator:
                return (
                    new DeepModelDocument
                    {
                        Family = generator.Family,
                        Description = generator.Description,
                        Schema = generator.Schema,
                        Text = new TextModelDocument
                        {
                            Seq2Seq = generator.Options,
                            Vocabulary = VocabularyDocument.From(generator.SourceVocabulary),
                            TargetVocabulary = VocabularyDocument.From(generator.TargetVocabulary),
                        },
                        Trainer = generator.Options.Training,
                        Training = generator.Training,
                    },
                    generator.Network,
                    new MulticlassObjective(generator.Schema));
            default:
                throw new ArgumentException($"No text codec for {model.GetType().Name}.", nameof(model));
        }
    }

    /// <summary>Rebuilds a text model from its document and weights.</summary>
    public static IDeepModel Read(DeepModelDocument document, TrainingObjective objective, IModelEntryReader reader, Device device)
    {
        var text = DeepModelCodec.Require(document.Text, "text", reader);
        var trainer = document.Trainer ?? new TrainerOptions();
        var vocabulary = ReadVocabulary(text.Vocabulary, "text.vocabulary", reader);
        switch (document.Family)
        {
            case Word2VecModel.FamilyName:
                {
                    var options = DeepModelCodec.Require(text.Word2Vec, "text.word2vec", reader) with { Training = trainer };
                    var network = DeepModelCodec.Build(() => new SkipGramNetwork(vocabulary.Size, options.Dimensions), reader, CPU);
                    return new Word2VecModel(network, vocabulary, options, document.Training);
                }

            case TextClassifierModel.FamilyName:
                {
                    var options = DeepModelCodec.Require(text.Classifier, "text.classifier", reader) with { Training = trainer };
                    var network = DeepModelCodec.Build(() => options.CreateNetwork(vocabulary.Size, options.EmbeddingSize, objective.Outputs), reader, device);
                    var encoding = new TextEncoding(options.Tokenizer, vocabulary, options.MaxTokens);
                    return new TextClassifierModel(network, objective, encoding, options, text.PretrainedFrom, device, document.Training);
                }

            default:
                {
                    var options = DeepModelCodec.Require(text.Seq2Seq, "text.seq2seq", reader) with { Training = trainer };
                    var targets = ReadVocabulary(text.TargetVocabulary, "text.target_vocabulary", reader);
                    var network = DeepModelCodec.Build(() => options.CreateNetwork(vocabulary.Size, targets.Size), reader, device);
                    return new Seq2SeqModel(network, vocabulary, targets, options, device, document.Training);
                }
        }
    }

    private static WordVocabulary ReadVocabulary(VocabularyDocument? saved, string field, IModelEntryReader reader)
    {
        var document = DeepModelCodec.Require(saved, field, reader);
        try
        {
            return document.ToVocabulary();
        }
        catch (ArgumentException e)
        {
            throw new GalenInputException("The model's vocabulary is damaged: " + e.Message, new SourceLocation(reader.Source + "/" + DeepModelCodec.ConfigurationEntry, Field: field), inner: e);
        }
    }
}
