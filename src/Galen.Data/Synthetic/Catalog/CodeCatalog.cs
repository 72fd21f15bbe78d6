using Galen.Core.Clinical;

namespace Galen.Data.Synthetic.Catalog;

/// <summary>Every code the synthetic hospital can write, in a fixed order (the order of OMOP concept ids).</summary>
public static class CodeCatalog
{
    /// <summary>LOINC "Tobacco smoking status", written as an OMOP observation.</summary>
    public static readonly ClinicalCode SmokingStatus = new(CodeSystems.Loinc, "72166-2", "Tobacco smoking status");

    public static IReadOnlyList<ClinicalCode> All { get; } = Build();

    private static List<ClinicalCode> Build()
    {
        var codes = new List<ClinicalCode>();
        var seen = new HashSet<ClinicalCode>();
        void Add(ClinicalCode code)
        {
            if (seen.Add(code))
            {
                codes.Add(code);
            }
        }

        foreach (var reason in ReasonCatalog.All)
        {
            reason.Codes.ToList().ForEach(Add);
        }

        foreach (var condition in ConditionCatalog.All)
        {
            Add(condition.Code);
        }

        foreach (var code in new[]
        {
            ConditionCatalog.HeartFailureSystolic, ConditionCatalog.HeartFailureDiastolic, ConditionCatalog.CkdStage3a, ConditionCatalog.CkdStage3b,
            ConditionCatalog.CkdStage4, ConditionCatalog.CkdStage5, ConditionCatalog.DiabetesWithCkd, ConditionCatalog.LungCancer, ConditionCatalog.ColonCancer,
            ConditionCatalog.BreastCancer, ConditionCatalog.ProstateCancer, ConditionCatalog.CurrentSmoker, ConditionCatalog.FormerSmoker,
            ConditionCatalog.LongTermAnticoagulant, ConditionCatalog.LongTermInsulin,
        })
        {
            Add(code);
        }

        AcuteDiagnoses.All.ToList().ForEach(Add);
        ProcedureCatalog.All.ToList().ForEach(Add);
        foreach (var drug in DrugCatalog.All)
        {
            Add(drug.AtcCode);
            if (drug.RxNormCode is { } rx)
            {
                Add(rx);
            }
        }

        foreach (var analyte in AnalyteCatalog.All)
        {
            Add(new ClinicalCode(CodeSystems.Loinc, analyte.Loinc, analyte.LoincName));
        }

        Add(SmokingStatus);
        return codes;
    }
}
