using Galen.Core.Errors;

namespace Galen.Core.Bundles;

/// <summary>A bundle file that this Galen cannot read: damaged, not a bundle, or a format version it does not know.</summary>
public sealed class BundleFormatException(string path, string problem, string? remedy = null, Exception? inner = null)
    : GalenInputException($"Cannot read model bundle: {problem}.", new SourceLocation(path), remedy, inner)
{
    /// <summary>The bundle file.</summary>
    public string BundlePath { get; } = path;
}
