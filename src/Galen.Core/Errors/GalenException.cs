namespace Galen.Core.Errors;

/// <summary>
/// Base of every error Galen raises on purpose. Messages never contain patient data:
/// identifiers in them are pseudonyms, and offending values are described, not quoted,
/// when they may hold PHI.
/// </summary>
public abstract class GalenException : Exception
{
    protected GalenException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>True when the user can fix the cause (bad input, bad option); the CLI exits with 1.</summary>
    public abstract bool IsUserError { get; }
}

/// <summary>
/// Input a user supplied is wrong: a file, a row, a field or an option. Carries where the
/// problem is and what to do about it.
/// </summary>
public class GalenInputException : GalenException
{
    public GalenInputException(string problem, SourceLocation? location = null, string? remedy = null, Exception? inner = null)
        : base(Compose(problem, location, remedy), inner)
    {
        Problem = problem;
        Location = location;
        Remedy = remedy;
    }

    /// <summary>What is wrong, in one sentence.</summary>
    public string Problem { get; }

    /// <summary>Where it is wrong, when known.</summary>
    public SourceLocation? Location { get; }

    /// <summary>What the user can do about it.</summary>
    public string? Remedy { get; }

    public override bool IsUserError => true;

    private static string Compose(string problem, SourceLocation? location, string? remedy)
    {
        var prefix = location is null ? string.Empty : location + ": ";
        var suffix = string.IsNullOrWhiteSpace(remedy) ? string.Empty : " " + remedy;
        return prefix + problem + suffix;
    }
}

/// <summary>A configuration that cannot work (an option out of range, incompatible settings).</summary>
public class GalenConfigurationException(string problem, string? remedy = null)
    : GalenInputException(problem, null, remedy)
{
}

/// <summary>
/// Something inside Galen or its native dependencies failed in a way the user cannot fix by
/// changing input (a native library that does not load, a broken invariant).
/// </summary>
public class GalenInternalException(string message, Exception? inner = null) : GalenException(message, inner)
{
    public override bool IsUserError => false;
}
