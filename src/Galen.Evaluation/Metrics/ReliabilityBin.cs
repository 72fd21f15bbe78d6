namespace Galen.Evaluation.Metrics;

/// <summary>One bin of a reliability (calibration) curve.</summary>
/// <param name="Lower">Lower edge of the bin.</param>
/// <param name="Upper">Upper edge of the bin.</param>
/// <param name="Count">Samples (or bootstrap weight) in the bin.</param>
/// <param name="ObservedRate">Fraction of positive outcomes in the bin.</param>
/// <param name="MeanPredicted">Mean predicted probability in the bin.</param>
public sealed record ReliabilityBin(double Lower, double Upper, double Count, double ObservedRate, double MeanPredicted);
