using Galen.Data.Store;

namespace Galen.Data.Timeline;

/// <summary>A lab result or vital sign on a timeline.</summary>
/// <param name="ConceptId">Key into the timeline's <see cref="CodeTable"/> (LOINC where the source maps it).</param>
/// <param name="Visit">Index of its visit in <see cref="Patient.Visits"/>, or -1 (outpatient).</param>
/// <param name="Time">When it was taken.</param>
/// <param name="Value">The number in the concept's canonical unit (see <see cref="CodeTable.UnitOf"/>); NaN for a text result or a unit that cannot be converted.</param>
/// <param name="Category">Laboratory or vital sign.</param>
public readonly record struct MeasurementEvent(int ConceptId, int Visit, DateTime Time, double Value, MeasurementCategory Category);
