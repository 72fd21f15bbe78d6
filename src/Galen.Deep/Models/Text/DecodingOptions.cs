using Galen.Core.Errors;

namespace Galen.Deep.Models.Text;

/// <summary>How a sequence-to-sequence model writes.</summary>
/// <param name="BeamWidth">1 for greedy decoding (the most likely word at each step); more keeps that many hypotheses.</param>
/// <param name="LengthPenalty">
/// α in the beam's ranking score log P / length^α (length in words, end marker included): 0 ranks
/// by log-probability alone (favouring short texts), 1 by log-probability per word.
/// </param>
/// <param name="MaxLength">Most words written, end marker excluded; null uses the model's maximum target length.</param>
public sealed record DecodingOptions(int BeamWidth = 1, double LengthPenalty = 1.0, int? MaxLength = null)
{
    /// <summary>Greedy decoding.</summary>
    public static DecodingOptions Greedy { get; } = new();

    /// <summary>Throws a <see cref="GalenConfigurationException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (BeamWidth < 1)
        {
            throw new GalenConfigurationException($"The beam width must be at least 1 (got {BeamWidth}).", "1 is greedy decoding.");
        }

        if (!(LengthPenalty >= 0 && double.IsFinite(LengthPenalty)))
        {
            throw new GalenConfigurationException($"The length penalty must be zero or positive (got {LengthPenalty}).");
        }

        if (MaxLength is < 1)
        {
            throw new GalenConfigurationException($"The maximum length must be at least 1 word (got {MaxLength}).");
        }
    }
}
