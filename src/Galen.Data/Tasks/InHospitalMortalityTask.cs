using System.Globalization;
using Galen.Core.Learning;
using Galen.Data.Timeline;

namespace Galen.Data.Tasks;

/// <summary>
/// In-hospital mortality predicted after the first <see cref="ObservationHours"/> hours of an
/// admission. One sample per inpatient visit in which the patient is still in hospital and alive
/// at admission + N hours (visits that end, or patients who die, within the first N hours are
/// not samples). Label 1 when the visit ended in death (<see cref="Visit.DiedInHospital"/>),
/// else 0. Index time admission + N h; features from the first N hours plus earlier visits.
/// </summary>
public sealed class InHospitalMortalityTask(double observationHours = 48) : IClinicalTask
{
    public double ObservationHours { get; } = observationHours > 0 ? observationHours : throw new ArgumentOutOfRangeException(nameof(observationHours), "must be positive");

    public string Name => "in_hospital_mortality";

    public string Parameters => string.Create(CultureInfo.InvariantCulture, $"observation_hours={ObservationHours}");

    public string Definition => string.Create(CultureInfo.InvariantCulture,
        $"One sample per inpatient visit with the patient in hospital and alive at admission + {ObservationHours} h; label 1 if the visit ended in death, else 0. Predicted at admission + {ObservationHours} h from data up to then.");

    public LabelSchema Prepare(TaskPreparation preparation) => LabelSchema.Binary(Name, "death before discharge", "survived", "died");

    public IEnumerable<TaskSample> Samples(Patient patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        foreach (int v in VisitRules.Inpatient(patient))
        {
            var visit = patient.Visits[v];
            var index = visit.Start.AddHours(ObservationHours);
            if (VisitRules.InHospitalAndAlive(patient, visit, index))
            {
                yield return new TaskSample(VisitRules.Key(visit), index, visit.Start, v, [visit.DiedInHospital ? 1f : 0f]);
            }
        }
    }
}
