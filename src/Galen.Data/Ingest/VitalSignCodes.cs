using Galen.Core.Clinical;

namespace Galen.Data.Ingest;

/// <summary>
/// LOINC codes of vital signs, for sources that do not say whether a measurement is a lab or a
/// vital (OMOP): heart rate, blood pressures, temperature, respiratory rate, oxygen saturation,
/// weight, height, BMI.
/// </summary>
public static class VitalSignCodes
{
    private static readonly HashSet<string> Codes = new(StringComparer.Ordinal)
    {
        "8867-4", "8480-6", "8462-4", "8478-0", "8310-5", "9279-1", "2708-6", "59408-5", "29463-7", "3141-9", "8302-2", "39156-5", "85354-9",
    };

    public static bool IsVitalSign(ClinicalCode code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.System == CodeSystems.Loinc && Codes.Contains(code.Code);
    }
}
