namespace Galen.Core.Splits;

/// <summary>
/// Shares of a hold-out split's parts; they sum to 1. Patients are dealt whole, so each part gets
/// about its share of the samples (and of the patients) of every stratum.
/// </summary>
public sealed record HoldOutFractions
{
    public HoldOutFractions(double train, double validation, double test)
    {
        if (train <= 0 || validation < 0 || test < 0 || Math.Abs(train + validation + test - 1) > 1e-9)
        {
            throw new Errors.GalenConfigurationException($"Split fractions must be non-negative, train positive, and sum to 1 (got {train}, {validation}, {test}).");
        }

        Train = train;
        Validation = validation;
        Test = test;
    }

    public double Train { get; }

    public double Validation { get; }

    public double Test { get; }

    /// <summary>70 % train, 10 % validation, 20 % test.</summary>
    public static HoldOutFractions Default { get; } = new(0.7, 0.1, 0.2);
}
