using Galen.Serve.Patients;

namespace Galen.Serve.Tests.Support;

/// <summary>A test <see cref="IPatientFeatureSource"/>: three patients with three snapshots each.</summary>
internal sealed class TestPatientStore : IPatientFeatureSource
{
    /// <summary>A patient id whose lookup fails with an exception that quotes a patient name.</summary>
    public const string Explodes = "MRN-00000000";

    public static readonly DateTimeOffset Now = new(2024, 3, 10, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Patient id → snapshots (feature name → value), oldest first.</summary>
    public static readonly IReadOnlyDictionary<string, (string Label, IReadOnlyList<Dictionary<string, double>> Snapshots)> Patients =
        new Dictionary<string, (string, IReadOnlyList<Dictionary<string, double>>)>
        {
            ["MRN-99887766"] = ("Q.Z., bed 12", [
                new() { ["age"] = 81, ["creatinine"] = 1.4, ["lactate"] = 2.0, ["heart_rate"] = 96, ["diabetes"] = 1 },
                new() { ["age"] = 81, ["creatinine"] = 2.1, ["lactate"] = 3.1, ["heart_rate"] = 108, ["diabetes"] = 1 },
                new() { ["age"] = 81, ["creatinine"] = 2.9, ["lactate"] = 4.2, ["heart_rate"] = 118, ["diabetes"] = 1 },
            ]),
            ["MRN-11223344"] = ("A.L., bed 3", [
                new() { ["age"] = 42, ["creatinine"] = 0.8, ["lactate"] = 1.0, ["heart_rate"] = 72, ["diabetes"] = 0 },
                new() { ["age"] = 42, ["creatinine"] = 0.9, ["lactate"] = 1.1, ["heart_rate"] = 70 },
                new() { ["age"] = 42, ["creatinine"] = 0.8, ["lactate"] = 0.9, ["heart_rate"] = 68, ["diabetes"] = 0 },
            ]),
            ["MRN-55667788"] = ("R.K., bed 7", [
                new() { ["age"] = 67, ["creatinine"] = 1.1, ["lactate"] = 1.6, ["heart_rate"] = 88, ["diabetes"] = 0 },
                new() { ["age"] = 67, ["creatinine"] = 1.3, ["lactate"] = 1.9, ["heart_rate"] = 92, ["diabetes"] = 0 },
                new() { ["age"] = 67, ["creatinine"] = 1.2, ["lactate"] = 1.8, ["heart_rate"] = 90, ["diabetes"] = 0 },
            ]),
        };

    public Task<IReadOnlyList<PatientListing>> ListPatientsAsync(int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PatientListing>>(Patients.Take(limit).Select(p => new PatientListing(p.Key, p.Value.Label)).ToArray());

    public Task<IReadOnlyList<PatientSnapshot>?> GetSnapshotsAsync(string patientId, Models.ServedModel model, CancellationToken cancellationToken)
    {
        var features = model.Features;
        if (patientId == Explodes)
        {
            throw new InvalidOperationException($"store failure while reading {FhirFixtures.PatientName} {FhirFixtures.PatientFamily}");
        }

        if (!Patients.TryGetValue(patientId, out var patient))
        {
            return Task.FromResult<IReadOnlyList<PatientSnapshot>?>(null);
        }

        var snapshots = patient.Snapshots.Select((values, i) => new PatientSnapshot(
            Now.AddDays(i - patient.Snapshots.Count + 1),
            features.Select(f => values.TryGetValue(f.Name, out var v) ? (float)v : float.NaN).ToArray())).ToArray();
        return Task.FromResult<IReadOnlyList<PatientSnapshot>?>(snapshots);
    }
}
