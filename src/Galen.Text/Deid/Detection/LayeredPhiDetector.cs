using Galen.Text.Deid.Learning;
using Galen.Text.Deid.Lexicons;

namespace Galen.Text.Deid.Detection;

/// <summary>
/// The full detector: patterns, dictionaries and (when given) the learned classifier, combined
/// recall-first by <see cref="FindingResolver"/>.
/// </summary>
public sealed class LayeredPhiDetector : IPhiDetector
{
    private readonly IPhiDetector[] _layers;

    [ThreadStatic]
    private static List<PhiFinding>? t_raw;

    public LayeredPhiDetector(params IPhiDetector[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _layers = layers;
    }

    /// <summary>The pattern and dictionary layers over the default lexicon, plus <paramref name="learned"/> when given.</summary>
    public static LayeredPhiDetector Create(LearnedPhiDetector? learned = null)
    {
        var lexicon = PhiLexicon.Default;
        return learned is null
            ? new LayeredPhiDetector(new PatternDetector(lexicon), new DictionaryDetector(lexicon))
            : new LayeredPhiDetector(new PatternDetector(lexicon), new DictionaryDetector(lexicon), learned);
    }

    /// <summary>Resolved, non-overlapping findings sorted by position.</summary>
    public List<PhiFinding> Detect(string text)
    {
        var raw = t_raw ??= new List<PhiFinding>(128);
        raw.Clear();
        foreach (var layer in _layers)
        {
            layer.Detect(text, raw);
        }

        return FindingResolver.Resolve(text, raw);
    }

    void IPhiDetector.Detect(string text, List<PhiFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        findings.AddRange(Detect(text));
    }
}
