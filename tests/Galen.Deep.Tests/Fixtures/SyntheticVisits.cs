using Galen.Core.Clinical;
using Galen.Core.Learning;
using Galen.Deep.Data;

namespace Galen.Deep.Tests.Fixtures;

/// <summary>
/// Visit sequences with a planted signal. Codes C00..C29 are noise; the outcome depends on
/// three marker codes: SEPSIS in the most recent visit (strong), CHF anywhere (moderate), and
/// the ordered pair AKI then DIALYSIS (strong only in that order), so a model must read visit
/// contents, recency and order. Next-visit labels: each of the 4 chronic codes present in the
/// last visit recurs at the next visit with probability 0.9, otherwise 0.05.
/// </summary>
internal static class SyntheticVisits
{
    public static readonly ClinicalCode Sepsis = new(CodeSystems.Icd10Cm, "A41.9", "sepsis");
    public static readonly ClinicalCode Chf = new(CodeSystems.Icd10Cm, "I50.9", "heart failure");
    public static readonly ClinicalCode Aki = new(CodeSystems.Icd10Cm, "N17.9", "acute kidney injury");
    public static readonly ClinicalCode Dialysis = new(CodeSystems.Icd10Pcs, "5A1D70Z", "dialysis");

    public static readonly ClinicalCode[] Chronic =
    [
        new(CodeSystems.Icd10Cm, "E11.9", "type 2 diabetes"),
        new(CodeSystems.Icd10Cm, "I10", "hypertension"),
        new(CodeSystems.Icd10Cm, "J44.9", "COPD"),
        new(CodeSystems.Icd10Cm, "N18.3", "chronic kidney disease"),
    ];

    public static readonly LabelSchema Mortality = LabelSchema.Binary("mortality", "death within 30 days");

    public static readonly LabelSchema NextDiagnoses =
        new("next_diagnoses", LabelKind.MultiLabel, Chronic.Select(c => c.Code).ToArray(), "chronic codes at the next visit");

    private static readonly ClinicalCode[] Noise = Enumerable.Range(0, 30)
        .Select(i => new ClinicalCode(CodeSystems.Icd10Cm, $"C{i:00}"))
        .ToArray();

    /// <summary>Samples with their mortality risk (the generator's truth) and next-visit labels.</summary>
    public static (VisitSequenceInputs Inputs, float[] Mortality, float[] NextVisit, double[] Risk) Generate(int samples, int seed, bool timed = true, int maxVisits = 8)
    {
        var rng = new Random(seed);
        var builder = new VisitSequenceInputs.Builder();
        var mortality = new float[samples];
        var nextVisit = new float[samples * Chronic.Length];
        var risks = new double[samples];
        for (int s = 0; s < samples; s++)
        {
            int visits = rng.Next(2, maxVisits + 1);
            builder.StartSample();
            double day = 0;
            bool sepsisLast = false;
            bool chf = false;
            int akiAt = -1;
            int dialysisAfterAki = 0;
            var lastVisit = new List<ClinicalCode>();
            for (int v = 0; v < visits; v++)
            {
                var codes = new List<ClinicalCode>();
                int count = rng.Next(2, 6);
                for (int c = 0; c < count; c++)
                {
                    codes.Add(Noise[rng.Next(Noise.Length)]);
                }

                foreach (var chronic in Chronic)
                {
                    if (rng.NextDouble() < 0.25)
                    {
                        codes.Add(chronic);
                    }
                }

                bool sepsis = rng.NextDouble() < 0.15;
                if (sepsis)
                {
                    codes.Add(Sepsis);
                }

                if (rng.NextDouble() < 0.12)
                {
                    codes.Add(Chf);
                    chf = true;
                }

                if (rng.NextDouble() < 0.15)
                {
                    codes.Add(Aki);
                    akiAt = akiAt < 0 ? v : akiAt;
                }

                if (rng.NextDouble() < 0.15)
                {
                    codes.Add(Dialysis);
                    dialysisAfterAki |= akiAt >= 0 && akiAt < v ? 1 : 0;
                }

                sepsisLast = sepsis && v == visits - 1;
                builder.AddVisit(codes, timed ? day : null);
                day += 1 + rng.Next(60);
                lastVisit = codes;
            }

            double logit = -2.5 + (4.0 * (sepsisLast ? 1 : 0)) + (2.0 * (chf ? 1 : 0)) + (3.5 * dialysisAfterAki);
            risks[s] = 1 / (1 + Math.Exp(-logit));
            mortality[s] = rng.NextDouble() < risks[s] ? 1f : 0f;
            for (int k = 0; k < Chronic.Length; k++)
            {
                double p = lastVisit.Contains(Chronic[k]) ? 0.9 : 0.05;
                nextVisit[(s * Chronic.Length) + k] = rng.NextDouble() < p ? 1f : 0f;
            }
        }

        return (builder.Build(), mortality, nextVisit, risks);
    }

    public static IReadOnlyList<SampleInfo> Infos(int count) =>
        Enumerable.Range(0, count).Select(i => new SampleInfo($"p{i}", $"s{i}", null, new Dictionary<string, string>())).ToArray();

    public static LabelledSet<VisitSequenceInputs> MortalitySet(VisitSequenceInputs inputs, float[] mortality) =>
        new(inputs, new TargetMatrix(Mortality, mortality), Infos(inputs.Count));

    public static LabelledSet<VisitSequenceInputs> NextVisitSet(VisitSequenceInputs inputs, float[] next) =>
        new(inputs, new TargetMatrix(NextDiagnoses, next), Infos(inputs.Count));
}
