namespace Galen.Data.Timeline;

/// <summary>A diagnosis code on a timeline.</summary>
/// <param name="ConceptId">Key into the timeline's <see cref="CodeTable"/>.</param>
/// <param name="Visit">Index of its visit in <see cref="Patient.Visits"/>, or -1.</param>
/// <param name="Time">When the source dates it; null when it gives no time (MIMIC diagnoses are coded at discharge).</param>
/// <param name="KnownAt">When the code is first known: its time, or its visit's end when undated.</param>
public readonly record struct ConditionEvent(int ConceptId, int Visit, DateTime? Time, DateTime KnownAt);
