using System.Globalization;

namespace Galen.Serve.Models;

/// <summary>Reasons in words, the same way on cards, RiskAssessments and the dashboard.</summary>
public static class ReasonText
{
    /// <summary>E.g. "last creatinine 2.1 mg/dL (raises risk)".</summary>
    public static string Describe(RiskReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        string value = !reason.HasValue ? string.Empty
            : reason.Value is { } v
            ? " " + v.ToString("0.##", CultureInfo.InvariantCulture) + (reason.Unit is null ? string.Empty : " " + reason.Unit)
            : " (missing)";
        string direction = reason.Contribution >= 0 ? "raises risk" : "lowers risk";
        return $"{reason.DisplayName}{value} ({direction})";
    }
}
