using Galen.Serve.Models;

namespace Galen.Serve.Patients;

/// <summary>
/// The clinical store as the service sees it: which patients there are, and a patient's feature
/// rows for a model, now and at earlier times (for the risk trend). Implemented by the data
/// layer over the DuckDB store and its tasks.
/// </summary>
public interface IPatientFeatureSource
{
    /// <summary>Patients to show on the dashboard, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<PatientListing>> ListPatientsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The patient's feature rows for <paramref name="model"/>'s features, oldest first, the last
    /// being the current one; null when the store has no such patient.
    /// </summary>
    Task<IReadOnlyList<PatientSnapshot>?> GetSnapshotsAsync(string patientId, ServedModel model, CancellationToken cancellationToken);
}

/// <summary>A patient in the store.</summary>
/// <param name="PatientId">The store's patient id (a surrogate key, not an MRN).</param>
/// <param name="Label">How clinicians recognise the patient on the dashboard (e.g. initials, bed).</param>
public sealed record PatientListing(string PatientId, string Label);

/// <summary>A patient's features as of a time.</summary>
/// <param name="AsOf">When the features were true.</param>
/// <param name="Values">One value per requested feature, NaN = missing.</param>
/// <param name="Input">For a model of patient records (<see cref="Models.IPatientInputModel"/>), its input as of that time; else null.</param>
public sealed record PatientSnapshot(DateTimeOffset AsOf, float[] Values, Models.IPatientInput? Input = null);
