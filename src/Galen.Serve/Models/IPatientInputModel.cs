namespace Galen.Serve.Models;

/// <summary>
/// A served model whose input is a patient's record rather than one row of named features: the
/// visit-sequence networks (GRU, LSTM, Transformer, RETAIN) and the time-series GRU. Its patients
/// are scored by id from the store, from a FHIR Bundle and through CDS Hooks (the adapters build
/// an <see cref="IPatientInput"/> for it); a request with bare feature values is refused with a
/// clear problem, because such a model cannot be scored from one. Safe to call from several
/// threads at once.
/// </summary>
public interface IPatientInputModel : IServedModel
{
    /// <summary>What the model reads, in words (e.g. "hourly labs and vitals of the first 24 h with masks, and 40 context features").</summary>
    string InputDescription { get; }

    /// <summary>
    /// The probability of the outcome for <paramref name="input"/> with up to
    /// <paramref name="topReasons"/> reasons, strongest first, and how they were found
    /// (<see cref="RiskPrediction.ReasonMethod"/>), or why there are none.
    /// </summary>
    RiskPrediction PredictPatient(IPatientInput input, int topReasons);
}
