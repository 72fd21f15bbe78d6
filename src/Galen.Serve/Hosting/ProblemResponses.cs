using System.Diagnostics;
using Galen.Core.Errors;
using Galen.Serve.Fhir;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Galen.Serve.Hosting;

/// <summary>
/// Turns every failure into an RFC 7807 problem details response. Galen's input errors carry
/// their message (written to be PHI-free); anything unexpected is a bare 500 with a trace id —
/// never a stack trace or an exception message, which could quote patient data.
/// </summary>
public static partial class ProblemResponses
{
    /// <summary>The exception handler installed by <see cref="ServeHost"/>.</summary>
    public static async Task HandleExceptionAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        var problem = Describe(exception);
        if (problem.Status == StatusCodes.Status500InternalServerError && exception is not null)
        {
            // Type and stack only: the message of a library exception may quote request content.
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Galen.Serve.Errors");
            LogUnhandled(logger, exception.GetType().FullName ?? "exception", exception.StackTrace ?? string.Empty);
        }

        await WriteAsync(context, problem).ConfigureAwait(false);
    }

    /// <summary>Writes <paramref name="problem"/> as <c>application/problem+json</c>.</summary>
    public static async Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problem);
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).ConfigureAwait(false);
    }

    /// <summary>Adds the trace id to every problem.</summary>
    public static void AddTraceId(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
    }

    private static ProblemDetails Describe(Exception? exception) => exception switch
    {
        FhirInputException fhir => new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid FHIR content",
            Detail = fhir.Problem,
            Extensions = { ["issues"] = fhir.Issues },
        },
        NotFoundException notFound => Problem(StatusCodes.Status404NotFound, "Not found", notFound.Message),
        NotConfiguredException notConfigured => Problem(StatusCodes.Status501NotImplemented, "Not configured", notConfigured.Message),
        PreconditionFailedException precondition => Problem(StatusCodes.Status412PreconditionFailed, "Data not available", precondition.Message),
        GalenInputException input => Problem(StatusCodes.Status400BadRequest, "Invalid request", input.Message),
        BadHttpRequestException bad => Problem(bad.StatusCode, TitleOf(bad.StatusCode), bad.Message),
        _ => Problem(StatusCodes.Status500InternalServerError, "Internal error", "The service could not complete the request. Quote the trace id when reporting it."),
    };

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };

    private static string TitleOf(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "Request body too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
        _ => "Bad request",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled {ExceptionType} at {StackTrace}")]
    private static partial void LogUnhandled(ILogger logger, string exceptionType, string stackTrace);
}
