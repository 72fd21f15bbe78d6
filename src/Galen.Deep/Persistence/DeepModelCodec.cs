using System.Text;
using System.Text.Json;
using Galen.Core.Errors;
using Galen.Deep.Data;
using Galen.Deep.Models;
using Galen.Deep.Models.Imaging;
using Galen.Deep.Training;
using Galen.Deep.Training.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Persistence;

/// <summary>
/// Writes and reads a deep model as two entries: <see cref="ConfigurationEntry"/> (a
/// <see cref="DeepModelDocument"/> in JSON) and <see cref="WeightsEntry"/> (the network's
/// state in TorchSharp's format). Storage-agnostic, so the model-bundle container can carry the
/// same entries.
/// </summary>
public static class DeepModelCodec
{
    public const string ConfigurationEntry = "deep-model.json";
    public const string WeightsEntry = "weights.bin";

    /// <summary>Writes the model's configuration and weights.</summary>
    public static void Write(IDeepModel model, IModelEntryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(writer);
        var (document, network) = Describe(model);
        using (var stream = writer.Create(ConfigurationEntry))
        {
            stream.Write(Encoding.UTF8.GetBytes(DeepJson.Write(document)));
        }

        using (var stream = writer.Create(WeightsEntry))
        {
            network.save(stream);
        }
    }

    /// <summary>Rebuilds a model from its entries, on <paramref name="device"/> (<c>cpu</c>, <c>cuda</c>, <c>auto</c>).</summary>
    public static IDeepModel Read(IModelEntryReader reader, string device = "cpu")
    {
        ArgumentNullException.ThrowIfNull(reader);
        Runtime.TorchRuntime.EnsureLoaded();
        var target = TrainingEnvironment.ResolveDevice(device);
        var document = ReadDocument(reader);
        var objective = Objective(document);
        switch (document.Family)
        {
            case MlpModel.FamilyName:
                {
                    var options = Require(document.Mlp, "mlp", reader) with { Training = document.Trainer ?? new TrainerOptions() };
                    var scaling = Require(document.FeatureScaling, "feature_scaling", reader);
                    var network = Build(() => options.CreateNetwork(scaling.Features.Count, objective.Outputs), reader, target);
                    return new MlpModel(network, objective, scaling, options, target, document.Training);
                }

            case VisitSequenceModel.FamilyName:
                {
                    var options = Require(document.VisitSequence, "visit_sequence", reader) with { Training = document.Trainer ?? new TrainerOptions() };
                    var vocabulary = new CodeVocabulary(Require(document.Vocabulary, "vocabulary", reader));
                    var encoding = new VisitEncoding(vocabulary, options.MaxVisits, document.UsesVisitTimes ?? false);
                    var network = Build(() => options.CreateNetwork(vocabulary.Size, encoding.UsesVisitTimes, objective.Outputs), reader, target);
                    return new VisitSequenceModel(network, objective, encoding, options, target, document.Training);
                }

            case TimeSeriesModel.FamilyName:
                {
                    var options = Require(document.TimeSeries, "time_series", reader) with { Training = document.Trainer ?? new TrainerOptions() };
                    if (document.Version < 2)
                    {
                        options = options with { LinearInputs = false }; // version 1 networks had no linear path
                    }

                    var encoding = Require(document.TimeSeriesEncoding, "time_series_encoding", reader);
                    var network = Build(() => options.CreateNetwork(encoding, objective.Outputs), reader, target);
                    return new TimeSeriesModel(network, objective, encoding, options, target, document.Training);
                }

            case var family when ImagingModelCodec.Reads(family):
                return ImagingModelCodec.Read(document, objective, reader, target);
            case var family when Models.Text.TextModelCodec.Reads(family):
                return Models.Text.TextModelCodec.Read(document, objective, reader, target);

            default:
                throw new GalenInputException(
                    $"Unknown deep model family '{document.Family}'.",
                    new SourceLocation(reader.Source, Field: "family", Value: document.Family),
                    "The file was written by a newer Galen; upgrade to read it.");
        }
    }

    private static (DeepModelDocument Document, nn.Module Network) Describe(IDeepModel model)
    {
        float? mean = null;
        float? scale = null;
        TrainingObjective objective;
        DeepModelDocument document;
        nn.Module network;
        switch (model)
        {
            case MlpModel mlp:
                objective = mlp.Objective;
                network = mlp.Network;
                document = new DeepModelDocument
                {
                    Family = mlp.Family,
                    Description = mlp.Description,
                    Schema = mlp.Schema,
                    Mlp = mlp.Options,
                    FeatureScaling = mlp.Scaling,
                    Trainer = mlp.Options.Training,
                    Training = mlp.Training,
                };
                break;
            case VisitSequenceModel visits:
                objective = visits.Objective;
                network = visits.Network;
                document = new DeepModelDocument
                {
                    Family = visits.Family,
                    Description = visits.Description,
                    Schema = visits.Schema,
                    VisitSequence = visits.Options,
                    Vocabulary = visits.Encoding.Vocabulary.Codes,
                    UsesVisitTimes = visits.Encoding.UsesVisitTimes,
                    Trainer = visits.Options.Training,
                    Training = visits.Training,
                };
                break;
            case TimeSeriesModel series:
                objective = series.Objective;
                network = series.Network;
                document = new DeepModelDocument
                {
                    Family = series.Family,
                    Description = series.Description,
                    Schema = series.Schema,
                    TimeSeries = series.Options,
                    TimeSeriesEncoding = series.Encoding,
                    Trainer = series.Options.Training,
                    Training = series.Training,
                };
                break;
            case ImageClassifierModel or ImageGanModel:
                return ImagingModelCodec.Describe(model);
            case var text when Models.Text.TextModelCodec.Writes(text):
                (document, network, objective) = Models.Text.TextModelCodec.Describe(text);
                break;
            default:
                throw new ArgumentException($"No codec for {model.GetType().Name}.", nameof(model));
        }

        if (objective is RegressionObjective regression)
        {
            mean = regression.Mean;
            scale = regression.Scale;
        }

        return (document with { TargetMean = mean, TargetScale = scale }, network);
    }

    private static DeepModelDocument ReadDocument(IModelEntryReader reader)
    {
        if (!reader.Contains(ConfigurationEntry) || !reader.Contains(WeightsEntry))
        {
            throw new GalenInputException(
                $"This is not a Galen deep model: it lacks '{ConfigurationEntry}' or '{WeightsEntry}'.",
                new SourceLocation(reader.Source));
        }

        DeepModelDocument document;
        try
        {
            using var stream = reader.Open(ConfigurationEntry);
            using var text = new StreamReader(stream, Encoding.UTF8);
            document = DeepJson.Read<DeepModelDocument>(text.ReadToEnd());
        }
        catch (JsonException e)
        {
            throw new GalenInputException(
                "The model's configuration cannot be read: " + e.Message,
                new SourceLocation(reader.Source + "/" + ConfigurationEntry, e.LineNumber + 1, e.Path),
                inner: e);
        }

        if (document.Format != DeepModelDocument.FormatName || document.Version > DeepModelDocument.CurrentVersion)
        {
            throw new GalenInputException(
                $"The model file is format '{document.Format}' version {document.Version}; this Galen reads '{DeepModelDocument.FormatName}' up to version {DeepModelDocument.CurrentVersion}.",
                new SourceLocation(reader.Source, Field: "version", Value: document.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return document;
    }

    private static TrainingObjective Objective(DeepModelDocument document) => document.Schema.Kind switch
    {
        Core.Learning.LabelKind.Binary => new BinaryObjective(document.Schema),
        Core.Learning.LabelKind.Multiclass => new MulticlassObjective(document.Schema),
        Core.Learning.LabelKind.MultiLabel => new MultiLabelObjective(document.Schema),
        _ => new RegressionObjective(document.Schema, document.TargetMean ?? 0f, document.TargetScale ?? 1f),
    };

    /// <summary>Builds the network without disturbing libtorch's random generator, then loads the weights.</summary>
    internal static TModule Build<TModule>(Func<TModule> create, IModelEntryReader reader, Device device)
        where TModule : nn.Module
    {
        TModule network;
        using (var rng = torch.random.get_rng_state())
        {
            network = create();
            torch.random.set_rng_state(rng);
        }

        try
        {
            using var stream = reader.Open(WeightsEntry);
            network.load(stream, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            network.Dispose();
            throw new GalenInputException(
                "The model's weights do not fit the network its configuration describes: " + e.Message,
                new SourceLocation(reader.Source + "/" + WeightsEntry),
                inner: e);
        }

        network.to(device);
        network.eval();
        return network;
    }

    internal static T Require<T>(T? value, string field, IModelEntryReader reader)
        where T : class =>
        value ?? throw new GalenInputException(
            $"The model's configuration lacks '{field}'.",
            new SourceLocation(reader.Source + "/" + ConfigurationEntry, Field: field));
}
