using Galen.Core.Errors;

namespace Galen.Serve.Registry;

/// <summary>A registry request that cannot be carried out as asked (unknown model, wrong stage).</summary>
public sealed class RegistryException(string problem, string? remedy = null) : GalenInputException(problem, null, remedy)
{
}
