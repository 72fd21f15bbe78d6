using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Galen.Core.Learning;

namespace Galen.Data.Preprocessing;

/// <summary>
/// What a preprocessing step was fitted on: the number of rows, the patients they came from,
/// and a SHA-256 of the feature values, so an audit can prove which rows shaped its statistics.
/// </summary>
/// <param name="Rows">Training rows.</param>
/// <param name="PatientKeys">Distinct pseudonymous patient keys of the training rows, sorted.</param>
/// <param name="ContentHash">SHA-256 (hex) of the training matrix's column names and values.</param>
public sealed record FitProvenance(int Rows, IReadOnlyList<string> PatientKeys, string ContentHash)
{
    public static FitProvenance Of(LabelledSet<FeatureMatrix> train)
    {
        ArgumentNullException.ThrowIfNull(train);
        return new FitProvenance(train.Count, train.Samples.Select(s => s.PatientKey).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(), Hash(train.Inputs));
    }

    /// <summary>SHA-256 of a matrix's column names and values.</summary>
    public static string Hash(FeatureMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var feature in matrix.Features)
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(feature.Name + "\n"));
        }

        sha.AppendData(MemoryMarshal.AsBytes(matrix.Values));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
