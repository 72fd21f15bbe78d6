using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Deep.Data;

namespace Galen.Deep.Models;

/// <summary>One model a user can ask for by name.</summary>
/// <param name="Name">The name, e.g. <c>lstm</c>.</param>
/// <param name="Inputs">The samples it reads.</param>
/// <param name="Description">One line for help text.</param>
public sealed record DeepModelEntry(string Name, DeepInputKind Inputs, string Description);

/// <summary>
/// Every Galen.Deep model by name, for the CLI and other callers that choose a model at run
/// time: <c>Create&lt;VisitSequenceInputs&gt;("lstm", settings)</c> returns a trainer.
/// </summary>
public static class DeepModelCatalog
{
    /// <summary>The models, by name.</summary>
    public static IReadOnlyList<DeepModelEntry> Entries { get; } =
    [
        new("mlp", DeepInputKind.Tabular, "multi-layer perceptron on tabular features"),
        new("gru", DeepInputKind.VisitSequences, "GRU over visit sequences of codes"),
        new("lstm", DeepInputKind.VisitSequences, "LSTM over visit sequences of codes (bidirectional option)"),
        new("transformer", DeepInputKind.VisitSequences, "Transformer encoder over visit sequences of codes"),
        new("retain", DeepInputKind.VisitSequences, "RETAIN two-level attention over visits, explainable per visit and code"),
        new("ts-gru", DeepInputKind.TimeSeries, "GRU over vitals and labs with missing-value masks and per-channel summaries"),
        new("ts-lstm", DeepInputKind.TimeSeries, "LSTM over vitals and labs with missing-value masks and per-channel summaries"),
        new("cnn", DeepInputKind.Images, "small ResNet on images, with Grad-CAM saliency maps"),
        new("text-cnn", DeepInputKind.NoteTexts, "Kim's text CNN over the words of clinical notes"),
        new("text-bilstm", DeepInputKind.NoteTexts, "bidirectional LSTM over the words of clinical notes"),
    ];

    /// <summary>The entry named <paramref name="name"/> (case-insensitive), or a configuration error listing the names.</summary>
    public static DeepModelEntry Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Entries.FirstOrDefault(e => string.Equals(e.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new GalenConfigurationException(
                $"There is no deep model named '{name}'.",
                "Choose one of: " + string.Join(", ", Entries.Select(e => e.Name)) + ".");
    }

    /// <summary>A trainer for the named model, which must read <typeparamref name="TInputs"/>.</summary>
    public static ITrainer<TInputs> Create<TInputs>(string name, DeepModelSettings settings)
        where TInputs : IInputs<TInputs>
    {
        ArgumentNullException.ThrowIfNull(settings);
        var entry = Find(name);
        object trainer = entry.Inputs switch
        {
            DeepInputKind.Tabular => new MlpTrainer(Mlp(settings)),
            DeepInputKind.VisitSequences => new VisitSequenceTrainer(VisitSequence(entry.Name, settings)),
            DeepInputKind.Images => new Imaging.ImageClassifierTrainer(new Imaging.ImageClassifierOptions { Dropout = settings.Dropout ?? 0, Training = settings.Training }),
            DeepInputKind.NoteTexts => new Text.TextClassifierTrainer(Text.TextClassifierCatalog.Options(entry.Name, settings)),
            _ => new TimeSeriesTrainer(TimeSeries(entry.Name, settings)),
        };
        return trainer as ITrainer<TInputs>
            ?? throw new GalenConfigurationException(
                $"Model '{entry.Name}' reads {Describe(entry.Inputs)}, not {typeof(TInputs).Name}.",
                "Choose a model for your samples: " + string.Join(", ", Entries.Where(e => Accepts(e.Inputs, typeof(TInputs))).Select(e => e.Name)) + ".");
    }

    private static MlpOptions Mlp(DeepModelSettings s)
    {
        var defaults = new MlpOptions();
        return new MlpOptions
        {
            Hidden = s.HiddenLayers ?? defaults.Hidden,
            Dropout = s.Dropout ?? defaults.Dropout,
            Training = s.Training,
        };
    }

    private static VisitSequenceOptions VisitSequence(string name, DeepModelSettings s)
    {
        var defaults = new VisitSequenceOptions();
        return new VisitSequenceOptions
        {
            Architecture = Enum.Parse<VisitArchitecture>(name, ignoreCase: true),
            EmbeddingSize = s.EmbeddingSize ?? defaults.EmbeddingSize,
            HiddenSize = s.HiddenSize ?? defaults.HiddenSize,
            Layers = s.Layers ?? defaults.Layers,
            Bidirectional = s.Bidirectional ?? defaults.Bidirectional,
            Heads = s.Heads ?? defaults.Heads,
            FeedForwardSize = s.FeedForwardSize ?? defaults.FeedForwardSize,
            Dropout = s.Dropout ?? defaults.Dropout,
            MaxVisits = s.MaxVisits ?? defaults.MaxVisits,
            Training = s.Training,
        };
    }

    private static TimeSeriesOptions TimeSeries(string name, DeepModelSettings s)
    {
        var defaults = new TimeSeriesOptions();
        return new TimeSeriesOptions
        {
            Cell = name.EndsWith("lstm", StringComparison.Ordinal) ? RecurrentCell.Lstm : RecurrentCell.Gru,
            HiddenSize = s.HiddenSize ?? defaults.HiddenSize,
            Layers = s.Layers ?? defaults.Layers,
            Bidirectional = s.Bidirectional ?? defaults.Bidirectional,
            Dropout = s.Dropout ?? defaults.Dropout,
            MaxSteps = s.MaxSteps ?? defaults.MaxSteps,
            SummaryStatistics = s.SummaryStatistics ?? defaults.SummaryStatistics,
            Training = s.Training,
        };
    }

    private static bool Accepts(DeepInputKind kind, Type inputs) => kind switch
    {
        DeepInputKind.Tabular => inputs == typeof(FeatureMatrix),
        DeepInputKind.VisitSequences => inputs == typeof(VisitSequenceInputs),
        DeepInputKind.Images => inputs == typeof(Galen.Deep.Imaging.ImageSet),
        DeepInputKind.NoteTexts => inputs == typeof(Core.Text.NoteTexts),
        _ => inputs == typeof(TimeSeriesInputs),
    };

    private static string Describe(DeepInputKind kind) => kind switch
    {
        DeepInputKind.Tabular => "tabular features (FeatureMatrix)",
        DeepInputKind.VisitSequences => "visit sequences (VisitSequenceInputs)",
        DeepInputKind.Images => "images (ImageSet)",
        DeepInputKind.NoteTexts => "clinical notes (NoteTexts)",
        _ => "time series (TimeSeriesInputs)",
    };
}
