namespace Galen.Data.Synthetic.Catalog;

/// <summary>Every drug the synthetic hospital can prescribe, with real ATC and RxNorm codes.</summary>
public static class DrugCatalog
{
    public static IReadOnlyList<Drug> All { get; } =
    [
        new("metformin", "Metformin", "A10BA02", "6809", 1000, "mg", "PO", "BID"),
        new("insulin_glargine", "Insulin Glargine", "A10AE04", "274783", 20, "UNIT", "SC", "nightly"),
        new("insulin_regular", "Insulin Regular Human", "A10AB01", null, 6, "UNIT", "IV", "per protocol"),
        new("empagliflozin", "Empagliflozin", "A10BK03", "1545653", 10, "mg", "PO", "daily"),
        new("lisinopril", "Lisinopril", "C09AA03", "29046", 10, "mg", "PO", "daily"),
        new("losartan", "Losartan", "C09CA01", "52175", 50, "mg", "PO", "daily"),
        new("amlodipine", "Amlodipine", "C08CA01", "17767", 5, "mg", "PO", "daily"),
        new("hydrochlorothiazide", "Hydrochlorothiazide", "C03AA03", "5487", 25, "mg", "PO", "daily"),
        new("metoprolol", "Metoprolol Tartrate", "C07AB02", "6918", 25, "mg", "PO", "BID"),
        new("carvedilol", "Carvedilol", "C07AG02", "20352", 12.5, "mg", "PO", "BID"),
        new("furosemide", "Furosemide", "C03CA01", "4603", 40, "mg", "PO", "daily"),
        new("furosemide_iv", "Furosemide", "C03CA01", "4603", 40, "mg", "IV", "BID"),
        new("spironolactone", "Spironolactone", "C03DA01", "9997", 25, "mg", "PO", "daily"),
        new("sacubitril_valsartan", "Sacubitril-Valsartan", "C09DX04", null, 49, "mg", "PO", "BID"),
        new("digoxin", "Digoxin", "C01AA05", "3407", 0.125, "mg", "PO", "daily"),
        new("diltiazem", "Diltiazem", "C08DB01", "3443", 120, "mg", "PO", "daily"),
        new("amiodarone", "Amiodarone", "C01BD01", "703", 200, "mg", "PO", "daily"),
        new("nitroglycerin", "Nitroglycerin", "C01DA02", "4917", 0.4, "mg", "SL", "PRN"),
        new("atorvastatin", "Atorvastatin", "C10AA05", "83367", 40, "mg", "PO", "nightly"),
        new("simvastatin", "Simvastatin", "C10AA01", "36567", 20, "mg", "PO", "nightly"),
        new("aspirin", "Aspirin", "B01AC06", "1191", 81, "mg", "PO", "daily"),
        new("clopidogrel", "Clopidogrel", "B01AC04", "32968", 75, "mg", "PO", "daily"),
        new("warfarin", "Warfarin", "B01AA03", "11289", 5, "mg", "PO", "daily"),
        new("apixaban", "Apixaban", "B01AF02", "1364430", 5, "mg", "PO", "BID"),
        new("rivaroxaban", "Rivaroxaban", "B01AF01", "1114195", 20, "mg", "PO", "daily"),
        new("heparin", "Heparin", "B01AB01", "5224", 5000, "UNIT", "SC", "q8h"),
        new("enoxaparin", "Enoxaparin", "B01AB05", "67108", 40, "mg", "SC", "daily"),
        new("alteplase", "Alteplase", "B01AD02", "8410", 0.9, "mg/kg", "IV", "once"),
        new("tiotropium", "Tiotropium", "R03BB04", "69120", 18, "mcg", "INH", "daily"),
        new("albuterol", "Albuterol", "R03AC02", "435", 90, "mcg", "INH", "q4h PRN"),
        new("ipratropium", "Ipratropium Bromide", "R03BB01", "7213", 0.5, "mg", "INH", "q6h"),
        new("fluticasone_salmeterol", "Fluticasone-Salmeterol", "R03AK06", null, 250, "mcg", "INH", "BID"),
        new("prednisone", "Prednisone", "H02AB07", "8640", 40, "mg", "PO", "daily"),
        new("methylprednisolone", "Methylprednisolone", "H02AB04", "6902", 40, "mg", "IV", "q12h"),
        new("ceftriaxone", "Ceftriaxone", "J01DD04", "2193", 1, "g", "IV", "daily"),
        new("piperacillin_tazobactam", "Piperacillin-Tazobactam", "J01CR05", null, 4.5, "g", "IV", "q8h"),
        new("vancomycin", "Vancomycin", "J01XA01", "11124", 1, "g", "IV", "q12h"),
        new("azithromycin", "Azithromycin", "J01FA10", "18631", 500, "mg", "IV", "daily"),
        new("levofloxacin", "Levofloxacin", "J01MA12", "82122", 750, "mg", "PO", "daily"),
        new("cefazolin", "Cefazolin", "J01DB04", "2180", 2, "g", "IV", "q8h"),
        new("nitrofurantoin", "Nitrofurantoin", "J01XE01", "7454", 100, "mg", "PO", "BID"),
        new("norepinephrine", "Norepinephrine", "C01CA03", "7512", 0.05, "mcg/kg/min", "IV", "titrated"),
        new("sodium_chloride", "Sodium Chloride 0.9%", "B05XA03", "9863", 1000, "mL", "IV", "bolus"),
        new("potassium_chloride", "Potassium Chloride", "A12BA01", "8591", 20, "mEq", "PO", "once"),
        new("dextrose", "Dextrose 50%", "B05BA03", "4850", 25, "g", "IV", "once"),
        new("pantoprazole", "Pantoprazole", "A02BC02", "40790", 40, "mg", "IV", "q12h"),
        new("octreotide", "Octreotide", "H01CB02", "7617", 50, "mcg", "IV", "per hour"),
        new("ondansetron", "Ondansetron", "A04AA01", "26225", 4, "mg", "IV", "q6h PRN"),
        new("ondansetron_po", "Ondansetron", "A04AA01", "26225", 8, "mg", "PO", "q8h PRN"),
        new("lactulose", "Lactulose", "A06AD11", "6218", 20, "g", "PO", "TID"),
        new("acetaminophen", "Acetaminophen", "N02BE01", "161", 650, "mg", "PO", "q6h PRN"),
        new("morphine", "Morphine Sulfate", "N02AA01", "7052", 2, "mg", "IV", "q4h PRN"),
        new("oxycodone", "Oxycodone", "N02AA05", "7804", 5, "mg", "PO", "q4h PRN"),
        new("sertraline", "Sertraline", "N06AB06", "36437", 50, "mg", "PO", "daily"),
        new("donepezil", "Donepezil", "N06DA02", "135447", 10, "mg", "PO", "nightly"),
        new("levothyroxine", "Levothyroxine", "H03AA01", "10582", 75, "mcg", "PO", "daily"),
        new("allopurinol", "Allopurinol", "M04AA01", "519", 100, "mg", "PO", "daily"),
        new("epoetin_alfa", "Epoetin Alfa", "B03XA01", "105694", 10000, "UNIT", "SC", "weekly"),
        new("sevelamer", "Sevelamer Carbonate", "V03AE02", null, 800, "mg", "PO", "TID"),
    ];

    private static readonly Dictionary<string, Drug> ByKey = All.ToDictionary(d => d.Key, StringComparer.Ordinal);

    /// <summary>The drug with a generator key; throws for an unknown key (a bug in the tables).</summary>
    public static Drug Get(string key) => ByKey.TryGetValue(key, out var drug)
        ? drug
        : throw new KeyNotFoundException($"The drug catalogue has no drug '{key}'.");

    /// <summary>Drugs that prevent clots (anticoagulants), for interaction-driven bleeding risk.</summary>
    public static bool IsAnticoagulant(Drug drug) => drug.Atc.StartsWith("B01AA", StringComparison.Ordinal) || drug.Atc.StartsWith("B01AF", StringComparison.Ordinal);

    /// <summary>Antiplatelet drugs.</summary>
    public static bool IsAntiplatelet(Drug drug) => drug.Atc.StartsWith("B01AC", StringComparison.Ordinal);
}
