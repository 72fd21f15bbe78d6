using Galen.Data.Synthetic.Catalog;

namespace Galen.Data.Synthetic.Notes;

/// <summary>What a problem paragraph is written from.</summary>
internal enum ProblemKind
{
    /// <summary>The admission reason, treated with drugs.</summary>
    Acute,

    /// <summary>The admission reason, no drug for it charted.</summary>
    Supportive,

    /// <summary>A chronic condition with home medications for it.</summary>
    Chronic,

    /// <summary>A chronic condition without a home medication for it.</summary>
    Untreated,
}

/// <summary>
/// One paragraph of a problem-oriented hospital course or assessment and plan ("# Pneumonia:
/// presented with fever and productive cough; treated with ceftriaxone and azithromycin"), as
/// drawn from the generator's knowledge and the admission's record before it is worded.
/// </summary>
/// <param name="Kind">Which phrase family words it.</param>
/// <param name="NameSection">Phrase section with the problem's surface names (optional in a set).</param>
/// <param name="Name">The problem's name when the set has no such section.</param>
/// <param name="Presentation">Symptoms and findings, in the order written; empty for chronic problems.</param>
/// <param name="Drugs">Drugs written for it, in the order written.</param>
internal sealed record NoteProblem(ProblemKind Kind, string NameSection, string Name, IReadOnlyList<string> Presentation, IReadOnlyList<Drug> Drugs);
