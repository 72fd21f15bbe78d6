using System.Globalization;
using System.Text;
using Galen.Core.Privacy;
using Galen.Text.Corpus;
using Galen.Text.Deid.Detection;
using Galen.Text.Tokens;

namespace Galen.Text.Deid.Evaluation;

/// <summary>
/// Entity- and token-level precision, recall and F2 of a detector's findings against gold
/// annotations, per PHI type and overall. Tokens are <see cref="Tokenizer"/> words (letters or
/// digits); a gold entity is found when every one of its word tokens touches a prediction.
/// </summary>
public sealed class DeidEvaluation
{
    private readonly Counts[] _byGold = NewCounts();
    private readonly Counts[] _byPredicted = NewCounts();
    private readonly Counts _overall = new();

    /// <summary>Notes scored.</summary>
    public int Notes { get; private set; }

    /// <summary>Adds one note: its gold spans and the detector's (resolved) findings.</summary>
    public void Add(string text, IReadOnlyList<PhiSpan> gold, IReadOnlyList<PhiFinding> predicted)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        Notes++;
        var tokens = Tokenizer.Tokenize(text).Where(t => t.IsWord(text)).ToArray();
        var goldType = new PhiType?[tokens.Length];
        var predictedType = new PhiType?[tokens.Length];
        Mark(tokens, gold.Select(g => (g.Start, g.End, g.Type)), goldType);
        Mark(tokens, predicted.Select(p => (p.Start, p.End, p.Type)), predictedType);

        for (int i = 0; i < tokens.Length; i++)
        {
            if (goldType[i] is { } g)
            {
                _byGold[(int)g].GoldTokens++;
                _overall.GoldTokens++;
                if (predictedType[i] is not null)
                {
                    _byGold[(int)g].FoundTokens++;
                    _overall.FoundTokens++;
                }
            }

            if (predictedType[i] is { } p)
            {
                _byPredicted[(int)p].PredictedTokens++;
                _overall.PredictedTokens++;
                if (goldType[i] is not null)
                {
                    _byPredicted[(int)p].CorrectPredictedTokens++;
                    _overall.CorrectPredictedTokens++;
                }
            }
        }

        foreach (var span in gold)
        {
            var counts = _byGold[(int)span.Type];
            counts.GoldEntities++;
            _overall.GoldEntities++;
            bool found = true;
            bool any = false;
            for (int i = 0; i < tokens.Length; i++)
            {
                if (tokens[i].End > span.Start && tokens[i].Start < span.End)
                {
                    any = true;
                    found &= predictedType[i] is not null;
                }
            }

            if (any && found)
            {
                counts.FoundEntities++;
                _overall.FoundEntities++;
                if (predicted.Any(p => p.Type == span.Type && p.End > span.Start && p.Start < span.End))
                {
                    counts.TypedEntities++;
                    _overall.TypedEntities++;
                }
            }
        }

        foreach (var finding in predicted)
        {
            var counts = _byPredicted[(int)finding.Type];
            counts.PredictedEntities++;
            _overall.PredictedEntities++;
            if (gold.Any(g => g.End > finding.Start && g.Start < finding.End))
            {
                counts.CorrectPredictedEntities++;
                _overall.CorrectPredictedEntities++;
            }
        }
    }

    /// <summary>Scores per PHI type that occurs in the gold or the predictions, in enum order.</summary>
    public IReadOnlyList<PhiTypeScore> ByType =>
        Enum.GetValues<PhiType>()
            .Where(t => _byGold[(int)t].GoldEntities > 0 || _byPredicted[(int)t].PredictedEntities > 0)
            .Select(t => Score(t, _byGold[(int)t], _byPredicted[(int)t]))
            .ToArray();

    /// <summary>Scores over all types (binary: PHI or not).</summary>
    public PhiTypeScore Overall => Score(null, _overall, _overall);

    /// <summary>A Markdown table: one row per type and an overall row.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| PHI type | gold entities | entity recall | entity precision | entity F2 | token recall | token precision | token F2 | type agreement |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var score in ByType.Append(Overall))
        {
            text.Append(CultureInfo.InvariantCulture, $"| {(score.Type?.ToString() ?? "**overall**")} | {score.GoldEntities} | {F(score.EntityRecall)} | {F(score.EntityPrecision)} | {F(score.EntityF2)} | {F(score.TokenRecall)} | {F(score.TokenPrecision)} | {F(score.TokenF2)} | {F(score.TypeAgreement)} |");
            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>A score formatted with three decimals, or "–" when undefined.</summary>
    public static string F(double value) => double.IsNaN(value) ? "–" : value.ToString("F3", CultureInfo.InvariantCulture);

    /// <summary>Runs <paramref name="detector"/> over <paramref name="notes"/> and scores it.</summary>
    public static DeidEvaluation Run(IEnumerable<AnnotatedNote> notes, LayeredPhiDetector detector, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(detector);
        var evaluation = new DeidEvaluation();
        foreach (var note in notes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            evaluation.Add(note.Text, note.Spans, detector.Detect(note.Text));
        }

        return evaluation;
    }

    private static void Mark(Token[] tokens, IEnumerable<(int Start, int End, PhiType Type)> spans, PhiType?[] types)
    {
        foreach (var (start, end, type) in spans)
        {
            for (int i = 0; i < tokens.Length; i++)
            {
                if (tokens[i].End > start && tokens[i].Start < end)
                {
                    types[i] ??= type;
                }
            }
        }
    }

    private static PhiTypeScore Score(PhiType? type, Counts gold, Counts predicted) => new(
        type, gold.GoldEntities, gold.FoundEntities, gold.TypedEntities, predicted.PredictedEntities, predicted.CorrectPredictedEntities,
        gold.GoldTokens, gold.FoundTokens, predicted.PredictedTokens, predicted.CorrectPredictedTokens);

    private static Counts[] NewCounts() => Enumerable.Range(0, Enum.GetValues<PhiType>().Length).Select(_ => new Counts()).ToArray();

    private sealed class Counts
    {
        public int GoldEntities;
        public int FoundEntities;
        public int TypedEntities;
        public int PredictedEntities;
        public int CorrectPredictedEntities;
        public int GoldTokens;
        public int FoundTokens;
        public int PredictedTokens;
        public int CorrectPredictedTokens;
    }
}
