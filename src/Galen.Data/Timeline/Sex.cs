namespace Galen.Data.Timeline;

/// <summary>Administrative sex as the source recorded it.</summary>
public enum Sex
{
    Unknown,
    Female,
    Male,
}
