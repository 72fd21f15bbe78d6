namespace Galen.Data.Tasks;

/// <summary>
/// One labelled sample a task draws from a patient's timeline. Features may use only what is
/// known at <see cref="IndexTime"/>; windowed aggregates cover [<see cref="WindowStart"/>, <see cref="IndexTime"/>].
/// </summary>
/// <param name="SampleKey">Unique within the task, pseudonymous (visit or patient ids of the store, never dates or source ids).</param>
/// <param name="IndexTime">The prediction time.</param>
/// <param name="WindowStart">Start of the observation window for windowed aggregates.</param>
/// <param name="CurrentVisit">Index in <see cref="Timeline.Patient.Visits"/> of the visit the sample is about, or -1.</param>
/// <param name="Target">The label: width 1 (binary 0/1, class index, or value) or one 0/1 per label (multi-label).</param>
/// <param name="ExcludeCurrentVisitDrugs">True when the current visit's drugs are the label and must not be features.</param>
public sealed record TaskSample(string SampleKey, DateTime IndexTime, DateTime WindowStart, int CurrentVisit, float[] Target, bool ExcludeCurrentVisitDrugs = false);
