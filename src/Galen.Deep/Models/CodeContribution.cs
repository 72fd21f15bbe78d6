using Galen.Core.Clinical;

namespace Galen.Deep.Models;

/// <summary>How much one code of one visit moved a RETAIN prediction, in logit units.</summary>
/// <param name="Code">The code; <see cref="VisitSequenceModel.UnknownCode"/> stands for all codes outside the vocabulary.</param>
/// <param name="Contribution">Its additive share of the output's logit.</param>
public sealed record CodeContribution(ClinicalCode Code, double Contribution);
