namespace Galen.Data.Timeline;

/// <summary>How the values of one measurement code in one unit were brought to the code's canonical unit.</summary>
/// <param name="Code">"system:code" of the measurement.</param>
/// <param name="Unit">The unit as the source wrote it (null: none given, taken as canonical).</param>
/// <param name="CanonicalUnit">The unit values are expressed in on timelines.</param>
/// <param name="Values">Numeric values in this unit.</param>
/// <param name="Convertible">False when Galen knows no conversion: those values are NaN on timelines.</param>
public sealed record UnitMapping(string Code, string? Unit, string? CanonicalUnit, long Values, bool Convertible);
