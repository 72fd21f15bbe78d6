using Galen.Data.Tasks;

namespace Galen.Data.Scoring;

/// <summary>One patient's feature values for a model at one time.</summary>
/// <param name="Sample">The task sample the row was computed for (its index time is when the values were true).</param>
/// <param name="Values">One value per model feature, in the model's order; NaN = missing.</param>
/// <param name="IsTaskSample">True when the task itself defines this sample; false for the row computed for a stay the task has no sample for (yet).</param>
public sealed record FeatureRow(TaskSample Sample, float[] Values, bool IsTaskSample);
