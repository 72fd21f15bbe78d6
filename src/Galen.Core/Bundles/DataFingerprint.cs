using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Galen.Core.Learning;

namespace Galen.Core.Bundles;

/// <summary>
/// Identifies a training set without holding it: size, columns, outcome count and a SHA-256 of
/// feature names, values and targets. The same data gives the same fingerprint, so a registry can
/// tell which data a model saw.
/// </summary>
/// <param name="Rows">Samples.</param>
/// <param name="Columns">Features.</param>
/// <param name="Patients">Distinct patients.</param>
/// <param name="Sha256">Hex SHA-256 of names, values and targets.</param>
public sealed record DataFingerprint(int Rows, int Columns, int Patients, string Sha256)
{
    public static DataFingerprint Of(LabelledSet<FeatureMatrix> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var feature in data.Inputs.Features)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(feature.Name + "\n"));
        }

        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.Inputs.Values));
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.Targets.Values));
        hash.AppendData(Encoding.UTF8.GetBytes(data.Targets.Schema.Name + "/" + data.Targets.Schema.Kind.ToString()));
        int patients = data.Samples.Select(s => s.PatientKey).Distinct(StringComparer.Ordinal).Count();
        return new DataFingerprint(data.Count, data.Inputs.Columns, patients, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Rows} rows × {Columns} features, {Patients} patients, sha256 {Sha256[..12]}…");
}
