using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Galen.Data.Tasks;
using Galen.Data.Timeline;
using Galen.Serve.Models;

namespace Galen.Cli.Serving;

/// <summary>
/// One patient's input for a served sequence network: a one-sample task dataset built by the
/// model's task featurizer (tabular row, visit code sets, binned series with masks — what the
/// task built for its training samples), and the patient's code table for the reasons' words.
/// Its hash covers everything the network can read: the row, the series and its mask, and the
/// visits' codes and times.
/// </summary>
public sealed class SequencePatientInput : IPatientInput
{
    private readonly CodeTable _codes;
    private Dictionary<string, string>? _displays;

    public SequencePatientInput(TaskDataset dataset, CodeTable codes)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(codes);
        if (dataset.Count != 1)
        {
            throw new ArgumentException($"A patient input holds one sample, not {dataset.Count}.", nameof(dataset));
        }

        Dataset = dataset;
        _codes = codes;
        InputSha256 = Hash(dataset);
    }

    /// <summary>The patient's one sample, in every shape the task builds.</summary>
    public TaskDataset Dataset { get; }

    public string InputSha256 { get; }

    /// <summary>The code's name in the patient's code table (e.g. "Heart failure"), or the key itself.</summary>
    public string DisplayOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_displays is null)
        {
            var displays = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int id = 1; id <= _codes.MaxId; id++)
            {
                if (_codes.TryCode(id) is { Display: { Length: > 0 } display } code)
                {
                    displays.TryAdd(code.Key, display);
                }
            }

            _displays = displays;
        }

        return _displays.GetValueOrDefault(key, key);
    }

    private static string Hash(TaskDataset dataset)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // The float data of each shape, little-endian (as RiskService.HashRow hashes a feature row).
        Append(hash, dataset.Tabular.Inputs.Row(0));
        if (dataset.TimeSeries is { } series)
        {
            Append(hash, series.Inputs.SampleValues(0));
            Append(hash, series.Inputs.SampleMask(0));
        }

        if (dataset.Visits is { } visits)
        {
            var text = new StringBuilder();
            foreach (var visit in visits.Inputs.Sequences[0])
            {
                text.Append(visit.HoursBeforeIndex.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                foreach (var channel in visit.CodesByChannel)
                {
                    text.AppendJoin(',', channel).Append('|');
                }

                text.Append('\n');
            }

            hash.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            hash.AppendData(MemoryMarshal.AsBytes(values));
            return;
        }

        var bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        hash.AppendData(bytes);
    }
}
