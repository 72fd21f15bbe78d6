using Galen.Serve.Fhir;
using Hl7.Fhir.Model;

namespace Galen.Serve.Tests.Support;

/// <summary>
/// A test <see cref="IFhirFeatureExtractor"/> for <see cref="LogisticTestModel"/>: age from the
/// birth date, the last creatinine / lactate / heart rate by LOINC code, type 2 diabetes by ICD-10 E11.
/// </summary>
internal sealed class CodeFeatureExtractor : IFhirFeatureExtractor
{
    public const string Loinc = "http://loinc.org";
    public const string Icd10 = "http://hl7.org/fhir/sid/icd-10";

    public static readonly IReadOnlyDictionary<string, string> LoincByFeature = new Dictionary<string, string>
    {
        ["creatinine"] = "2160-0",
        ["lactate"] = "2524-7",
        ["heart_rate"] = "8867-4",
    };

    public FhirFeatures Extract(ClinicalBundle bundle, Models.ServedModel model, DateTimeOffset asOf)
    {
        var features = model.Features;
        var values = new float[features.Count];
        var basis = new List<string>();
        for (int i = 0; i < features.Count; i++)
        {
            values[i] = float.NaN;
            string name = features[i].Name;
            if (name == "age" && bundle.Patient.BirthDate is { } birthDate)
            {
                var birth = DateTimeOffset.Parse(birthDate, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
                values[i] = (float)((asOf - birth).TotalDays / 365.25);
            }
            else if (LoincByFeature.TryGetValue(name, out var code))
            {
                var last = bundle.Observations
                    .Where(o => o.Code!.Coding.Any(c => c.System == Loinc && c.Code == code) && o.Value is Quantity)
                    .OrderBy(o => ((FhirDateTime)o.Effective!).ToDateTimeOffset(TimeSpan.Zero))
                    .LastOrDefault();
                if (last is not null)
                {
                    values[i] = (float)((Quantity)last.Value!).Value!.Value;
                    basis.Add("Observation/" + last.Id);
                }
            }
            else if (name == "diabetes")
            {
                var condition = bundle.Conditions.FirstOrDefault(c => c.Code!.Coding.Any(cd => cd.System == Icd10 && cd.Code!.StartsWith("E11", StringComparison.Ordinal)));
                values[i] = condition is null ? 0 : 1;
                if (condition is not null)
                {
                    basis.Add("Condition/" + condition.Id);
                }
            }
        }

        return new FhirFeatures(values, basis);
    }
}
