namespace Galen.Data.Preprocessing;

/// <summary>A linear unit conversion: <c>value × Factor + Offset</c>.</summary>
public readonly record struct UnitConversion(double Factor, double Offset = 0)
{
    public static UnitConversion Identity { get; } = new(1);

    public double Apply(double value) => (value * Factor) + Offset;
}
