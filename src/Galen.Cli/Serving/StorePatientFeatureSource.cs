using System.Globalization;
using Galen.Data.Scoring;
using Galen.Data.Timeline;
using Galen.Serve.Models;
using Galen.Serve.Patients;

namespace Galen.Cli.Serving;

/// <summary>
/// Patients from the clinical store for the dashboard: those with the latest inpatient stays,
/// and a patient's rows for a model — the task's samples of earlier stays, then the current
/// stay's row, as of the end of the store's data — computed by the model's task featurizer from
/// the patient's timeline (for a sequence network, each sample's visit code sets and series too).
/// </summary>
public sealed class StorePatientFeatureSource(StorePatientReader reader, ServedTaskFeaturizers featurizers) : IPatientFeatureSource
{
    public Task<IReadOnlyList<PatientListing>> ListPatientsAsync(int limit, CancellationToken cancellationToken)
    {
        var patients = reader.Recent(limit);
        return Task.FromResult<IReadOnlyList<PatientListing>>(patients.Select(p => new PatientListing(p.Key, Label(p))).ToArray());
    }

    public Task<IReadOnlyList<PatientSnapshot>?> GetSnapshotsAsync(string patientId, ServedModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var featurizer = featurizers.For(model);
        var patient = reader.Load(patientId, cancellationToken);
        if (patient is null)
        {
            return Task.FromResult<IReadOnlyList<PatientSnapshot>?>(null);
        }

        bool inpatient = false;
        foreach (var visit in patient.Visits)
        {
            inpatient |= visit.IsInpatient;
        }

        var network = model.Model as SequenceServedModel;
        IReadOnlyList<PatientSnapshot> snapshots = inpatient
            ? featurizer.History(patient, reader.DataEnd).Select(r => new PatientSnapshot(
                new DateTimeOffset(DateTime.SpecifyKind(r.Sample.IndexTime, DateTimeKind.Utc)),
                network is null ? r.Values : [],
                network?.InputFor(featurizer, patient, r.Sample))).ToArray()
            : [];
        return Task.FromResult<IReadOnlyList<PatientSnapshot>?>(snapshots);
    }

    private static string Label(StoredPatient patient)
    {
        string sex = patient.Sex switch { Sex.Female => "F", Sex.Male => "M", _ => "sex unknown" };
        string age = patient.AgeYears is { } years ? (years >= 90 ? "90+ y" : years.ToString(CultureInfo.InvariantCulture) + " y") : "age unknown";
        return $"{patient.Key} · {sex} · {age}";
    }
}
