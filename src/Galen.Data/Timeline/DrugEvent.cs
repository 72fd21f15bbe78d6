namespace Galen.Data.Timeline;

/// <summary>A drug exposure (prescription or administration) on a timeline.</summary>
/// <param name="ConceptId">The drug's code (NDC, RxNorm, ATC or name), a key into the <see cref="CodeTable"/>.</param>
/// <param name="AtcConceptId">Its ATC code's concept, or -1 when the source gave none.</param>
/// <param name="Visit">Index of its visit in <see cref="Patient.Visits"/>, or -1.</param>
/// <param name="Start">Start of the exposure.</param>
/// <param name="End">End, when known.</param>
public readonly record struct DrugEvent(int ConceptId, int AtcConceptId, int Visit, DateTime Start, DateTime? End);
