namespace Galen.Data.Timeline;

/// <summary>A procedure code on a timeline.</summary>
/// <param name="ConceptId">Key into the timeline's <see cref="CodeTable"/>.</param>
/// <param name="Visit">Index of its visit in <see cref="Patient.Visits"/>, or -1.</param>
/// <param name="Time">When it was performed; null when the source gives no time.</param>
/// <param name="KnownAt">When the code is first known: its time, or its visit's end when undated.</param>
public readonly record struct ProcedureEvent(int ConceptId, int Visit, DateTime? Time, DateTime KnownAt);
