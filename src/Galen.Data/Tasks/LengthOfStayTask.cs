using System.Globalization;
using Galen.Core.Learning;
using Galen.Data.Timeline;

namespace Galen.Data.Tasks;

/// <summary>How <see cref="LengthOfStayTask"/> labels a stay.</summary>
public enum LengthOfStayLabel
{
    /// <summary>1 when the stay lasts longer than the threshold, else 0.</summary>
    LongerThanThreshold,

    /// <summary>PyHealth's ten classes over whole days d: d &lt; 1 → 0; 1–7 → d; 8–14 → 8; over 14 → 9.</summary>
    PyHealthBuckets,
}

/// <summary>
/// Length of stay, predicted <see cref="ObservationHours"/> hours after admission. One sample per
/// inpatient visit in which the patient is in hospital and alive at admission + N hours (with
/// N = 0, every inpatient visit that lasts any time). The stay is discharge − admission. Binary:
/// label 1 when the stay is longer than <see cref="ThresholdDays"/> days (strictly), else 0.
/// Buckets: whole days d = ⌊stay in days⌋ mapped as PyHealth's <c>categorize_los</c>.
/// </summary>
public sealed class LengthOfStayTask(double observationHours = 24, double thresholdDays = 7, LengthOfStayLabel label = LengthOfStayLabel.LongerThanThreshold) : IClinicalTask
{
    private static readonly string[] BucketNames = ["<1 day", "1 day", "2 days", "3 days", "4 days", "5 days", "6 days", "7 days", "1-2 weeks", ">2 weeks"];

    public double ObservationHours { get; } = observationHours >= 0 ? observationHours : throw new ArgumentOutOfRangeException(nameof(observationHours), "must not be negative");

    public double ThresholdDays { get; } = thresholdDays > 0 ? thresholdDays : throw new ArgumentOutOfRangeException(nameof(thresholdDays), "must be positive");

    public LengthOfStayLabel Label { get; } = label;

    public string Name => Label == LengthOfStayLabel.PyHealthBuckets ? "length_of_stay_buckets" : "length_of_stay";

    public string Parameters => Label == LengthOfStayLabel.PyHealthBuckets
        ? string.Create(CultureInfo.InvariantCulture, $"observation_hours={ObservationHours};label=buckets")
        : string.Create(CultureInfo.InvariantCulture, $"observation_hours={ObservationHours};threshold_days={ThresholdDays}");

    public string Definition => Label == LengthOfStayLabel.PyHealthBuckets
        ? string.Create(CultureInfo.InvariantCulture, $"One sample per inpatient visit with the patient in hospital and alive at admission + {ObservationHours} h; d = whole days of stay; class 0 if d < 1, d if 1 ≤ d ≤ 7, 8 if 8 ≤ d ≤ 14, 9 if d > 14.")
        : string.Create(CultureInfo.InvariantCulture, $"One sample per inpatient visit with the patient in hospital and alive at admission + {ObservationHours} h; label 1 if discharge − admission > {ThresholdDays} days, else 0.");

    public LabelSchema Prepare(TaskPreparation preparation) => Label == LengthOfStayLabel.PyHealthBuckets
        ? new LabelSchema(Name, LabelKind.Multiclass, BucketNames, "length of stay in PyHealth's ten buckets")
        : LabelSchema.Binary(Name, string.Create(CultureInfo.InvariantCulture, $"stay longer than {ThresholdDays} days"), "short", "long");

    /// <summary>PyHealth's <c>categorize_los</c> for whole days.</summary>
    public static int Bucket(int days) => days < 1 ? 0 : days <= 7 ? days : days <= 14 ? 8 : 9;

    public IEnumerable<TaskSample> Samples(Patient patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        foreach (int v in VisitRules.Inpatient(patient))
        {
            var visit = patient.Visits[v];
            var index = visit.Start.AddHours(ObservationHours);
            if (!VisitRules.InHospitalAndAlive(patient, visit, index))
            {
                continue;
            }

            double days = visit.Duration.TotalDays;
            float target = Label == LengthOfStayLabel.PyHealthBuckets ? Bucket((int)Math.Floor(days)) : days > ThresholdDays ? 1f : 0f;
            yield return new TaskSample(VisitRules.Key(visit), index, visit.Start, v, [target]);
        }
    }
}
