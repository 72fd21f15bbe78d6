using Galen.Core.Bundles;
using Galen.Core.Learning;

namespace Galen.Learn.Sources;

/// <summary>A row a source could not use, kept aside and reported, never silently dropped.</summary>
/// <param name="Line">Line (or record) number in the source.</param>
/// <param name="Reason">Why, without patient data.</param>
public sealed record RejectedRow(long Line, string Reason);

/// <summary>
/// Labelled samples ready for training, whatever their source (a CSV today, a task over the
/// clinical store later), with what a model card needs to know about them.
/// </summary>
/// <param name="Name">Short name of the data set or task, e.g. "breast-cancer" or "mortality".</param>
/// <param name="Data">Samples, targets and who each sample is about.</param>
/// <param name="Card">Provenance and definitions for the model card.</param>
/// <param name="Rejected">Rows the source could not use.</param>
public sealed record TrainingData(string Name, LabelledSet<FeatureMatrix> Data, ModelCardFacts Card, IReadOnlyList<RejectedRow> Rejected);
