using Galen.Data.Timeline;

namespace Galen.Data.Tasks;

/// <summary>The visit-level rules tasks share, in one place.</summary>
internal static class VisitRules
{
    /// <summary>Indexes of a patient's inpatient visits, in start order.</summary>
    public static List<int> Inpatient(Patient patient)
    {
        var visits = patient.Visits;
        var indexes = new List<int>(visits.Length);
        for (int i = 0; i < visits.Length; i++)
        {
            if (visits[i].IsInpatient)
            {
                indexes.Add(i);
            }
        }

        return indexes;
    }

    /// <summary>
    /// True when the patient is in hospital and alive at <paramref name="time"/> during
    /// <paramref name="visit"/>: discharge after it, and no death at or before it.
    /// </summary>
    public static bool InHospitalAndAlive(Patient patient, Visit visit, DateTime time) =>
        visit.End > time && !(patient.DeathTime is { } death && death <= time);

    /// <summary>Sample key of a visit-level sample (the store's visit id; no dates).</summary>
    public static string Key(Visit visit) => "v" + visit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
