using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Galen.Serve.Audit;
using Galen.Serve.Hosting;
using Galen.Serve.Observability;

namespace Galen.Serve.Models;

/// <summary>
/// Scores patients with served models for every channel (REST, FHIR, CDS Hooks, dashboard):
/// predicts, counts the prediction and its score in the metrics, and writes the audit record
/// before the answer leaves. If the audit record cannot be written, the prediction fails.
/// </summary>
public sealed class RiskService(ModelCatalog catalog, AuditLog audit, ServeMetrics metrics, ServeOptions options)
{
    /// <summary>Channel names used in metrics and audit records.</summary>
    public static class Channels
    {
        public const string Rest = "rest";
        public const string Patient = "patient";
        public const string Fhir = "fhir";
        public const string CdsHooks = "cds-hooks";
        public const string Batch = "batch";
    }

    /// <summary>Largest number of reasons a request may ask for.</summary>
    public const int MaxReasons = 20;

    /// <summary>The served model <paramref name="modelId"/>; 404 when none.</summary>
    public ServedModel Resolve(string modelId) =>
        catalog.Find(modelId) ?? throw new NotFoundException(
            $"No model '{modelId}' is being served. Served: {string.Join(", ", catalog.Models.Keys.Order(StringComparer.Ordinal))}.");

    /// <summary>The reasons to return: the request's choice, or the default.</summary>
    public int ReasonsOrDefault(int? requested)
    {
        int reasons = requested ?? options.DefaultTopReasons;
        if (reasons is < 0 or > MaxReasons)
        {
            throw new Galen.Core.Errors.GalenInputException($"reasons must be between 0 and {MaxReasons} (got {reasons}).");
        }

        return reasons;
    }

    /// <summary>Scores one feature row, then records and audits it.</summary>
    public Task<RiskPrediction> PredictAsync(ServedModel model, float[] row, int reasons, string actor, string channel, CancellationToken cancellationToken) =>
        PredictAsync(model, row, null, reasons, actor, channel, cancellationToken);

    /// <summary>
    /// Scores one patient, then records and audits it: from <paramref name="input"/> when the
    /// data layer built one (a model of patient records, <see cref="IPatientInputModel"/>), else
    /// from the feature row (which a model of patient records refuses with a 400 saying how to
    /// score it). The audit hash is the input's own hash, or the row's.
    /// </summary>
    public async Task<RiskPrediction> PredictAsync(ServedModel model, float[] row, IPatientInput? input, int reasons, string actor, string channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(row);
        RiskPrediction prediction;
        string hash;
        if (input is not null && model.Model is IPatientInputModel patientModel)
        {
            prediction = patientModel.PredictPatient(input, reasons);
            hash = input.InputSha256;
        }
        else
        {
            prediction = model.PredictOne(row, reasons);
            hash = HashRow(row);
        }

        metrics.RecordPrediction(model.Id, model.Version, channel, prediction.Probability);
        await audit.AppendAsync(new AuditEvent(AuditEvent.Actions.Prediction, actor, model.Id, model.Version, hash, channel), cancellationToken).ConfigureAwait(false);
        return prediction;
    }

    /// <summary>
    /// The audit hash of a model input: SHA-256 of the row's float32 values, little-endian, in the
    /// model's column order. The same input gives the same hash on every channel.
    /// </summary>
    public static string HashRow(ReadOnlySpan<float> row)
    {
        if (!BitConverter.IsLittleEndian)
        {
            var copy = row.ToArray();
            for (int i = 0; i < copy.Length; i++)
            {
                copy[i] = BitConverter.Int32BitsToSingle(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(BitConverter.SingleToInt32Bits(copy[i])));
            }

            return Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(copy.AsSpan())));
        }

        return Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(row)));
    }

    /// <summary>CDS Hooks indicator for a risk: critical, warning or info by the configured thresholds.</summary>
    public string IndicatorOf(double probability) =>
        probability >= options.Cds.CriticalThreshold ? "critical"
        : probability >= options.Cds.WarningThreshold ? "warning"
        : "info";
}
