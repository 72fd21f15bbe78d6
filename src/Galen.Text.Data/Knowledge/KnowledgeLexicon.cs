using System.Text;
using Galen.Core.Clinical;
using Galen.Core.Errors;
using Galen.Text.Corpus;
using Galen.Text.Nlp.Concepts;

namespace Galen.Text.Data.Knowledge;

/// <summary>
/// The synthetic hospital's knowledge files (<c>knowledge/disease_symptom.csv</c> and
/// <c>knowledge/disease_drug.csv</c>, docs/synthetic-hospital.md) as a concept lexicon: every
/// disease under its ICD-10-CM code, every symptom under its SNOMED CT code, every drug under its
/// ATC and RxNorm codes. The names the generator writes into notes are the terms; a disease's
/// name before a comma ("Sepsis, unspecified organism" → "sepsis") and without a parenthesis
/// ("Essential (primary) hypertension" → "essential hypertension") are added as synonyms when no
/// other concept claims them, and so are the synonyms of a starter-lexicon entry with the same code.
/// </summary>
public static class KnowledgeLexicon
{
    /// <summary>Admission reason → symptom file, relative to a synthetic hospital's output folder.</summary>
    public const string SymptomFile = "knowledge/disease_symptom.csv";

    /// <summary>Condition → drug file, relative to a synthetic hospital's output folder.</summary>
    public const string DrugFile = "knowledge/disease_drug.csv";

    /// <summary>
    /// Reads the knowledge files of a synthetic hospital's output folder. With
    /// <paramref name="extend"/> (for example <see cref="ConceptLexicon.Default"/>) its entries
    /// lend their synonyms to knowledge concepts with the same code, and the ones the knowledge
    /// lacks are kept.
    /// </summary>
    public static ConceptLexicon Load(string folder, IConceptLexicon? extend = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var concepts = new Dictionary<string, Draft>(StringComparer.Ordinal);
        string symptomPath = Path.Combine(folder, SymptomFile);
        string drugPath = Path.Combine(folder, DrugFile);
        foreach (var row in ReadRows(symptomPath, ["disease_system", "disease_code", "disease_name", "symptom_name", "symptom_snomed"]))
        {
            AddDisease(concepts, row, symptomPath);
            string symptom = row.Require("symptom_name");
            string snomed = row["symptom_snomed"];
            var codes = snomed.Length > 0 ? new[] { new ClinicalCode(CodeSystems.SnomedCt, snomed) } : [];
            Remember(concepts, ConceptKind.Symptom, snomed.Length > 0 ? "snomed:" + snomed : "symptom:" + Lower(symptom), symptom, codes);
        }

        foreach (var row in ReadRows(drugPath, ["disease_system", "disease_code", "disease_name", "drug_name", "atc", "rxnorm"]))
        {
            AddDisease(concepts, row, drugPath);
            string drug = row.Require("drug_name");
            string atc = row.Require("atc");
            var codes = new List<ClinicalCode> { new(CodeSystems.Atc, atc) };
            if (row["rxnorm"] is { Length: > 0 } rxnorm)
            {
                codes.Add(new ClinicalCode(CodeSystems.RxNorm, rxnorm));
            }

            Remember(concepts, ConceptKind.Drug, "atc:" + atc, drug, codes);
        }

        var claimed = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var draft in concepts.Values)
        {
            foreach (var form in draft.Names.Concat(draft.Derived).Distinct(StringComparer.Ordinal))
            {
                claimed[form] = claimed.GetValueOrDefault(form) + 1;
            }
        }

        var starterByCode = new Dictionary<string, ConceptEntry>(StringComparer.OrdinalIgnoreCase);
        var usedStarter = new HashSet<ConceptEntry>(ReferenceEqualityComparer.Instance);
        foreach (var entry in extend?.Entries ?? [])
        {
            foreach (var code in entry.Codes)
            {
                starterByCode.TryAdd(Key(entry.Kind, code), entry);
            }
        }

        var entries = new List<ConceptEntry>(concepts.Count);
        foreach (var draft in concepts.Values)
        {
            string term = draft.Names[0];
            var synonyms = new List<string>(draft.Names.Skip(1));
            synonyms.AddRange(draft.Derived.Where(form => claimed[form] == 1 && !draft.Names.Contains(form)));
            foreach (var code in draft.Codes)
            {
                if (starterByCode.TryGetValue(Key(draft.Kind, code), out var starter) && usedStarter.Add(starter))
                {
                    synonyms.AddRange(starter.Synonyms.Prepend(starter.Term).Where(form => !claimed.ContainsKey(form)));
                }
            }

            entries.Add(new ConceptEntry(draft.Kind, term, synonyms.Distinct(StringComparer.Ordinal).Where(s => s != term).ToArray(), draft.Codes));
        }

        entries.AddRange((extend?.Entries ?? []).Where(entry => !usedStarter.Contains(entry)));
        return new ConceptLexicon(entries);
    }

    private static void AddDisease(Dictionary<string, Draft> concepts, CsvRow row, string path)
    {
        string system = row.Require("disease_system");
        string code = row.Require("disease_code");
        if (system != CodeSystems.Icd10Cm)
        {
            throw new GalenInputException("names a disease vocabulary Galen does not read here.", new SourceLocation(path, row.Line, "disease_system", system), "The synthetic hospital writes ICD10CM.");
        }

        var draft = Remember(concepts, ConceptKind.Disease, "icd10:" + WithoutDot(code), row.Require("disease_name"), [new ClinicalCode(CodeSystems.Icd10Cm, code)]);
        string name = draft.Names[^1];
        int comma = name.IndexOf(',', StringComparison.Ordinal);
        if (comma > 3)
        {
            draft.Derived.Add(name[..comma].Trim());
        }

        int open = name.IndexOf('(', StringComparison.Ordinal);
        int close = name.IndexOf(')', StringComparison.Ordinal);
        if (open >= 0 && close > open)
        {
            string without = string.Join(' ', (name[..open] + name[(close + 1)..]).Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (without.Length > 3)
            {
                draft.Derived.Add(without);
            }
        }
    }

    private static Draft Remember(Dictionary<string, Draft> concepts, ConceptKind kind, string key, string name, IReadOnlyList<ClinicalCode> codes)
    {
        if (!concepts.TryGetValue(key, out var draft))
        {
            concepts[key] = draft = new Draft(kind, [.. codes]);
        }

        string lower = Lower(name);
        if (!draft.Names.Contains(lower))
        {
            draft.Names.Add(lower);
        }

        foreach (var code in codes.Where(c => !draft.Codes.Contains(c)))
        {
            draft.Codes.Add(code);
        }

        return draft;
    }

    private static string Key(ConceptKind kind, ClinicalCode code) =>
        $"{kind}:{code.System}:{(code.System == CodeSystems.Icd10Cm ? WithoutDot(code.Code) : code.Code)}";

    /// <summary>ICD-10-CM as tables write it (N390) and as knowledge files write it (N39.0) compare equal this way.</summary>
    public static string WithoutDot(string code) => code.Replace(".", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

    private static string Lower(string name) => string.Join(' ', name.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static IEnumerable<CsvRow> ReadRows(string path, string[] required)
    {
        if (!File.Exists(path))
        {
            throw new GalenInputException("does not exist.", new SourceLocation(path), "Point at the output folder of `galen synth` (it writes knowledge/).");
        }

        using var reader = new StreamReader(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        var records = new CsvRecords(reader);
        var header = records.Next() ?? throw new GalenInputException("is empty; it needs a header row.", new SourceLocation(path, 1));
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < header.Length; i++)
        {
            columns[header[i].Trim()] = i;
        }

        foreach (var column in required.Where(c => !columns.ContainsKey(c)))
        {
            throw new GalenInputException($"has no '{column}' column.", new SourceLocation(path, 1, column), $"Expected columns: {string.Join(", ", required)}.");
        }

        while (records.Next() is { } fields)
        {
            if (fields.Length == 1 && fields[0].Length == 0)
            {
                continue;
            }

            if (fields.Length != header.Length)
            {
                throw new GalenInputException($"has {fields.Length} fields; the header has {header.Length}.", new SourceLocation(path, records.RecordLine));
            }

            yield return new CsvRow(path, records.RecordLine, columns, fields);
        }
    }

    private sealed record Draft(ConceptKind Kind, List<ClinicalCode> Codes)
    {
        public List<string> Names { get; } = [];

        public List<string> Derived { get; } = [];
    }

    private sealed record CsvRow(string Path, long Line, Dictionary<string, int> Columns, string[] Fields)
    {
        public string this[string column] => Fields[Columns[column]].Trim();

        public string Require(string column) => this[column] is { Length: > 0 } value
            ? value
            : throw new GalenInputException("is empty.", new SourceLocation(Path, Line, column), "Every knowledge row names its disease, symptom or drug.");
    }
}
