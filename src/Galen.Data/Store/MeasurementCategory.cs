namespace Galen.Data.Store;

/// <summary>What kind of measurement a <c>measurement</c> row is (column <c>category</c>).</summary>
public enum MeasurementCategory : byte
{
    /// <summary>A laboratory result (MIMIC LABEVENTS, FHIR category <c>laboratory</c>).</summary>
    Laboratory = 1,

    /// <summary>A vital sign (MIMIC CHARTEVENTS, FHIR category <c>vital-signs</c>).</summary>
    VitalSign = 2,
}
