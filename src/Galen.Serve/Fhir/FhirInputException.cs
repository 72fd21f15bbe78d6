using Galen.Core.Errors;

namespace Galen.Serve.Fhir;

/// <summary>FHIR content that is not valid, with every issue found (each naming its location).</summary>
public sealed class FhirInputException(string problem, IReadOnlyList<string> issues)
    : GalenInputException(problem + (issues.Count == 0 ? string.Empty : " " + string.Join(" ", issues.Take(5))))
{
    /// <summary>Every issue, e.g. <c>Bundle.entry[2].resource.status: missing</c>.</summary>
    public IReadOnlyList<string> Issues { get; } = issues;
}
