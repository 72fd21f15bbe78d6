namespace Galen.Serve.Models;

/// <summary>
/// One patient's input for a model that reads more than a row of named features — visit code
/// sets, hourly series with masks — built by the data layer from the store or a FHIR Bundle the
/// way the model's task built its training samples. Opaque to the service: only the model that
/// asked for it reads it.
/// </summary>
public interface IPatientInput
{
    /// <summary>
    /// SHA-256 (lowercase hex) of the input as the model reads it, for the audit record: the same
    /// patient data gives the same hash on every channel. Never the input itself.
    /// </summary>
    string InputSha256 { get; }
}
