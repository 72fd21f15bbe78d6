namespace Galen.Deep.Models.Text;

/// <summary>The note classifiers' settings for a model chosen by name in <see cref="DeepModelCatalog"/>.</summary>
internal static class TextClassifierCatalog
{
    /// <summary>Settings for <c>text-cnn</c> or <c>text-bilstm</c>, sizes from <paramref name="settings"/> where given.</summary>
    public static TextClassifierOptions Options(string name, DeepModelSettings settings)
    {
        var defaults = new TextClassifierOptions();
        return new TextClassifierOptions
        {
            Architecture = name.EndsWith("bilstm", StringComparison.Ordinal) ? TextArchitecture.BiLstm : TextArchitecture.Cnn,
            EmbeddingSize = settings.EmbeddingSize ?? defaults.EmbeddingSize,
            HiddenSize = settings.HiddenSize ?? defaults.HiddenSize,
            Layers = settings.Layers ?? defaults.Layers,
            Dropout = settings.Dropout ?? defaults.Dropout,
            Training = settings.Training,
        };
    }
}
