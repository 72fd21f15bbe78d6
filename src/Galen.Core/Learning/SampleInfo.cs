namespace Galen.Core.Learning;

/// <summary>
/// Who and when a sample is about. Splits and resampling group by <see cref="PatientKey"/> so no
/// patient is ever on both sides; subgroup metrics read <see cref="Attributes"/>.
/// </summary>
/// <param name="PatientKey">Stable pseudonymous patient key (never an MRN or name).</param>
/// <param name="SampleKey">Unique key of the sample within its dataset, e.g. the visit id.</param>
/// <param name="IndexTime">The prediction time, when the task has one.</param>
/// <param name="Attributes">Subgroup attributes such as <c>sex</c>, <c>age_band</c>, <c>ethnicity</c>.</param>
public sealed record SampleInfo(string PatientKey, string SampleKey, DateTime? IndexTime, IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>Standard attribute names used for subgroup metrics.</summary>
    public static class AttributeNames
    {
        public const string Sex = "sex";
        public const string AgeBand = "age_band";
        public const string Ethnicity = "ethnicity";
    }
}
