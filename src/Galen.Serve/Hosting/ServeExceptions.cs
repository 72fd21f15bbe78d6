using Galen.Core.Errors;

namespace Galen.Serve.Hosting;

/// <summary>Something the request named does not exist (a model id, a patient); answered with 404.</summary>
public sealed class NotFoundException(string problem) : GalenInputException(problem)
{
}

/// <summary>A capability this service was not set up with (no patient store, no de-identifier); answered with 501.</summary>
public sealed class NotConfiguredException(string problem, string remedy) : GalenInputException(problem, null, remedy)
{
}

/// <summary>Data the request depends on could not be had (CDS Hooks: prefetch and FHIR server both fall short); answered with 412.</summary>
public sealed class PreconditionFailedException(string problem) : GalenInputException(problem)
{
}
