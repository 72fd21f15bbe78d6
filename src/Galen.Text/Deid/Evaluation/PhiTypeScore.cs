using Galen.Core.Privacy;

namespace Galen.Text.Deid.Evaluation;

/// <summary>
/// Counts and scores for one PHI type (or all, when <see cref="Type"/> is null). Recall is
/// type-agnostic — a gold name found and labelled "date" is still hidden — and precision counts a
/// prediction of this type right when it touches any gold PHI; <see cref="TypeAgreement"/> says how
/// often the found entities also got the right type.
/// </summary>
public sealed record PhiTypeScore(
    PhiType? Type,
    int GoldEntities,
    int FoundEntities,
    int TypedEntities,
    int PredictedEntities,
    int CorrectPredictedEntities,
    int GoldTokens,
    int FoundTokens,
    int PredictedTokens,
    int CorrectPredictedTokens)
{
    public double EntityRecall => Ratio(FoundEntities, GoldEntities);

    public double EntityPrecision => Ratio(CorrectPredictedEntities, PredictedEntities);

    public double EntityF2 => F2(EntityPrecision, EntityRecall);

    public double TokenRecall => Ratio(FoundTokens, GoldTokens);

    public double TokenPrecision => Ratio(CorrectPredictedTokens, PredictedTokens);

    public double TokenF2 => F2(TokenPrecision, TokenRecall);

    /// <summary>Of the gold entities found, the share whose covering prediction had the same type.</summary>
    public double TypeAgreement => Ratio(TypedEntities, FoundEntities);

    /// <summary>F-beta with beta = 2: recall weighs four times as much as precision. NaN when undefined.</summary>
    public static double F2(double precision, double recall) =>
        double.IsNaN(precision) || double.IsNaN(recall) || (4 * precision) + recall == 0 ? double.NaN : 5 * precision * recall / ((4 * precision) + recall);

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? double.NaN : (double)numerator / denominator;
}
