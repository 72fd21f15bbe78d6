using Galen.Core.Privacy;

namespace Galen.Serve.Text;

/// <summary>Removes protected health information from clinical text. Implemented by Galen.Text.</summary>
public interface IDeidentifier
{
    /// <summary>The text with every identifier replaced, and where the identifiers were.</summary>
    Task<DeidentifiedText> DeidentifyAsync(string text, CancellationToken cancellationToken);
}

/// <summary>De-identified text.</summary>
/// <param name="Text">The text with identifiers replaced by surrogates or tags.</param>
/// <param name="Found">What was found in the original, by position in the original.</param>
public sealed record DeidentifiedText(string Text, IReadOnlyList<PhiSpan> Found);
