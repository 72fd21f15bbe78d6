namespace Galen.Evaluation.Subgroups;

/// <summary>Performance within one subgroup, e.g. sex = F.</summary>
/// <param name="Attribute">Attribute name, e.g. "sex".</param>
/// <param name="Value">The subgroup's value, e.g. "F".</param>
/// <param name="Count">Samples in the subgroup.</param>
/// <param name="Prevalence">Fraction with the outcome.</param>
/// <param name="Auroc">AUROC within the subgroup (NaN with one class).</param>
/// <param name="Sensitivity">Sensitivity at the report's threshold.</param>
/// <param name="Specificity">Specificity at the report's threshold.</param>
/// <param name="MeanPredicted">Mean predicted risk (compare with <paramref name="Prevalence"/> for calibration-in-the-large).</param>
/// <param name="Brier">Brier score within the subgroup.</param>
public sealed record SubgroupResult(string Attribute, string Value, int Count, double Prevalence, double Auroc, double Sensitivity, double Specificity, double MeanPredicted, double Brier);

/// <summary>The widest AUROC difference between two subgroups of one attribute.</summary>
/// <param name="Attribute">Attribute compared.</param>
/// <param name="Best">Subgroup with the highest AUROC.</param>
/// <param name="Worst">Subgroup with the lowest AUROC.</param>
/// <param name="Gap">Best minus worst AUROC.</param>
public sealed record SubgroupGap(string Attribute, string Best, string Worst, double Gap);

/// <summary>Subgroup table and gaps.</summary>
/// <param name="Groups">One row per attribute value with at least the minimum size.</param>
/// <param name="Gaps">Per attribute, the widest AUROC gap.</param>
/// <param name="Largest">The widest gap of all, highlighted in reports; null with fewer than two comparable groups.</param>
/// <param name="Threshold">Decision threshold used for sensitivity and specificity.</param>
/// <param name="MinimumSize">Subgroups smaller than this are left out (and counted in <paramref name="Omitted"/>).</param>
/// <param name="Omitted">Subgroups left out for size.</param>
public sealed record SubgroupReport(IReadOnlyList<SubgroupResult> Groups, IReadOnlyList<SubgroupGap> Gaps, SubgroupGap? Largest, double Threshold, int MinimumSize, int Omitted);
