using Galen.Data.Synthetic.Catalog;

namespace Galen.Data.Synthetic.Output;

/// <summary>
/// The generator's own knowledge, written for the knowledge-graph work: which symptoms each
/// admission reason shows (and how often), which drugs treat which condition, and which drug
/// pairs interact. The generator draws from exactly these tables.
/// </summary>
internal static class KnowledgeFiles
{
    public static void Write(Action<TableFile, Action<Utf8Rows>> writeTable)
    {
        writeTable(new TableFile("knowledge/disease_symptom.csv", ["disease_system", "disease_code", "disease_name", "symptom_name", "symptom_snomed", "probability"], Compressible: false), rows =>
        {
            foreach (var reason in ReasonCatalog.All)
            {
                foreach (var code in reason.Codes)
                {
                    foreach (var s in reason.Symptoms)
                    {
                        rows.Field(code.System).Field(code.Code).Field(code.Display).Field(s.Symptom.Name).Field(s.Symptom.Snomed).Field(s.Probability).EndRow();
                    }
                }
            }
        });

        writeTable(new TableFile("knowledge/disease_drug.csv", ["disease_system", "disease_code", "disease_name", "drug_name", "atc", "rxnorm", "role", "probability"], Compressible: false), rows =>
        {
            foreach (var home in HomeMedicationCatalog.All)
            {
                var condition = ConditionCatalog.Get(home.Condition);
                var drug = DrugCatalog.Get(home.DrugKey);
                rows.Field(condition.Code.System).Field(condition.Code.Code).Field(condition.Phrase).Field(drug.Name).Field(drug.Atc).Field(drug.RxNorm).Field("long-term").Field(home.Probability).EndRow();
            }

            foreach (var reason in ReasonCatalog.All)
            {
                foreach (var code in reason.Codes)
                {
                    foreach (var t in reason.Treatments)
                    {
                        var drug = DrugCatalog.Get(t.DrugKey);
                        rows.Field(code.System).Field(code.Code).Field(code.Display).Field(drug.Name).Field(drug.Atc).Field(drug.RxNorm).Field("acute").Field(t.Probability).EndRow();
                    }
                }
            }
        });

        writeTable(new TableFile("knowledge/drug_interactions.csv", ["drug_a", "atc_a", "rxnorm_a", "drug_b", "atc_b", "rxnorm_b", "severity", "effect"], Compressible: false), rows =>
        {
            foreach (var i in InteractionCatalog.All)
            {
                var a = DrugCatalog.Get(i.First);
                var b = DrugCatalog.Get(i.Second);
                rows.Field(a.Name).Field(a.Atc).Field(a.RxNorm).Field(b.Name).Field(b.Atc).Field(b.RxNorm).Field(i.Severity).Field(i.Effect).EndRow();
            }
        });
    }
}
