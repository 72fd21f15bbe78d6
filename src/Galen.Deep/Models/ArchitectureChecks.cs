using Galen.Core.Errors;

namespace Galen.Deep.Models;

/// <summary>Checks shared by the architectures' settings.</summary>
internal static class ArchitectureChecks
{
    public static void Dropout(double dropout)
    {
        if (!(dropout >= 0 && dropout < 1))
        {
            throw new GalenConfigurationException($"Dropout must be in [0, 1) (got {dropout}).");
        }
    }

    public static void AtLeast(int value, int minimum, string setting)
    {
        if (value < minimum)
        {
            throw new GalenConfigurationException($"{setting} must be at least {minimum} (got {value}).");
        }
    }
}
