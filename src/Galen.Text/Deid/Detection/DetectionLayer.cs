namespace Galen.Text.Deid.Detection;

/// <summary>Which layer of the detector found a piece of PHI. Earlier layers win type conflicts.</summary>
public enum DetectionLayer
{
    /// <summary>Context-aware regular expressions and rules (dates, numbers, labelled identifiers, titled names).</summary>
    Pattern = 0,

    /// <summary>The learned token classifier.</summary>
    Learned = 1,

    /// <summary>Name, city and state dictionaries.</summary>
    Dictionary = 2,
}
