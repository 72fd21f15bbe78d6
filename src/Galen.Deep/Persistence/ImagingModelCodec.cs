using Galen.Deep.Models;
using Galen.Deep.Models.Imaging;
using Galen.Deep.Training;
using Galen.Deep.Training.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Persistence;

/// <summary>The image families' case of <see cref="DeepModelCodec"/>: the image classifier and the conditional DCGAN.</summary>
internal static class ImagingModelCodec
{
    /// <summary>The first model format version with the current GAN layout; older GANs are refused.</summary>
    public const int GanLayoutVersion = 3;

    /// <summary>True for the families this codec reads.</summary>
    public static bool Reads(string family) => family is ImageClassifierModel.FamilyName or ImageGanModel.FamilyName;

    /// <summary>The configuration document and the module whose state is the weights entry.</summary>
    public static (DeepModelDocument Document, nn.Module Network) Describe(IDeepModel model)
    {
        switch (model)
        {
            case ImageClassifierModel classifier:
                {
                    var regression = classifier.Objective as RegressionObjective;
                    var document = new DeepModelDocument
                    {
                        Family = classifier.Family,
                        Description = classifier.Description,
                        Schema = classifier.Schema,
                        Imaging = new ImagingDocument { Classifier = classifier.Options, Encoding = classifier.Encoding },
                        Trainer = classifier.Options.Training,
                        Training = classifier.Training,
                        TargetMean = regression?.Mean,
                        TargetScale = regression?.Scale,
                    };
                    return (document, classifier.Network);
                }

            case ImageGanModel gan:
                {
                    var document = new DeepModelDocument
                    {
                        Family = gan.Family,
                        Description = gan.Description,
                        Schema = gan.Schema,
                        Imaging = new ImagingDocument { Gan = gan.Options, Shape = gan.Shape, ClassShares = gan.ClassShares },
                        Trainer = gan.Options.Training,
                        Training = gan.Training,
                    };
                    return (document, gan.Network);
                }

            default:
                throw new ArgumentException($"No image codec for {model.GetType().Name}.", nameof(model));
        }
    }

    /// <summary>Rebuilds an image model from its document and weights.</summary>
    public static IDeepModel Read(DeepModelDocument document, TrainingObjective objective, IModelEntryReader reader, Device device)
    {
        var imaging = DeepModelCodec.Require(document.Imaging, "imaging", reader);
        if (document.Family == ImageClassifierModel.FamilyName)
        {
            var options = DeepModelCodec.Require(imaging.Classifier, "imaging.classifier", reader) with { Training = document.Trainer ?? new TrainerOptions() };
            var encoding = DeepModelCodec.Require(imaging.Encoding, "imaging.encoding", reader);
            var network = DeepModelCodec.Build(() => options.CreateNetwork(encoding.Shape.Channels, objective.Outputs), reader, device);
            return new ImageClassifierModel(network, objective, encoding, options, device, document.Training);
        }

        if (document.Version < GanLayoutVersion)
        {
            throw new Core.Errors.GalenConfigurationException(
                $"'{reader.Source}' is a conditional GAN saved in model format version {document.Version}; this Galen reads GANs from version {GanLayoutVersion} on, "
                + "whose generator is conditioned at every stage (class-conditional batch norm, upsampling by convolution) and whose discriminator has projection and class heads. "
                + "The older networks' weights do not fit these layers.",
                "Retrain the GAN with this Galen (the bench's image-gan or ImageGanTrainer) and save it again.");
        }

        var gan = DeepModelCodec.Require(imaging.Gan, "imaging.gan", reader) with { Training = document.Trainer ?? new ImageGanOptions().Training };
        var shape = imaging.Shape ?? throw new Core.Errors.GalenInputException(
            "The model's configuration lacks 'imaging.shape'.",
            new Core.Errors.SourceLocation(reader.Source + "/" + DeepModelCodec.ConfigurationEntry, Field: "imaging.shape"));
        var shares = DeepModelCodec.Require(imaging.ClassShares, "imaging.class_shares", reader);
        var networks = DeepModelCodec.Build(() => gan.CreateNetwork(shape.Channels, shape.Height, document.Schema.Classes.Count), reader, device);
        return new ImageGanModel(networks, shape, document.Schema, shares, gan, device, document.Training);
    }
}
