using System.Net;
using System.Security.Claims;
using System.Text;
using System.Threading.RateLimiting;
using Galen.Serve.Audit;
using Galen.Serve.Batch;
using Galen.Serve.CdsHooks;
using Galen.Serve.Dashboard;
using Galen.Serve.Endpoints;
using Galen.Serve.Fhir;
using Galen.Serve.Models;
using Galen.Serve.Observability;
using Galen.Serve.Registry;
using Galen.Serve.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Galen.Serve.Hosting;

/// <summary>
/// Builds the service: one host for <c>galen serve</c>, the tests (WebApplicationFactory) and the
/// bench harness. The pipeline, outermost first: problem details for every error, request
/// telemetry, security headers, the dashboard's static files, routing, authentication, rate
/// limiting, authorization, body size limits, endpoints.
/// </summary>
public static class ServeHost
{
    /// <summary>
    /// A host listening on <see cref="ServeOptions.Host"/>:<see cref="ServeOptions.Port"/>.
    /// <paramref name="configureServices"/> installs model loaders and the adapters to the data and
    /// text layers (<see cref="IModelLoader"/>, <see cref="Patients.IPatientFeatureSource"/>,
    /// <see cref="IFhirFeatureExtractor"/>, <see cref="Text.IDeidentifier"/>).
    /// </summary>
    public static IHostBuilder CreateHostBuilder(ServeOptions options, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new HostBuilder()
            .UseContentRoot(AppContext.BaseDirectory)
            .ConfigureLogging(logging => ConfigureLogging(logging, options))
            .ConfigureServices(services =>
            {
                AddServices(services, options);
                configureServices?.Invoke(services);
            })
            .ConfigureWebHost(web => web
                .UseKestrel(kestrel =>
                {
                    kestrel.Listen(IPAddress.Parse(options.Host), options.Port);
                    kestrel.AddServerHeader = false;
                    // BodySizeLimitMiddleware sets the limit per endpoint.
                    kestrel.Limits.MaxRequestBodySize = Math.Max(options.MaxBatchBodyBytes, options.MaxRequestBodyBytes);
                })
                .Configure(ConfigurePipeline));
    }

    private static void ConfigureLogging(ILoggingBuilder logging, ServeOptions options)
    {
        logging.ClearProviders();
        if (options.JsonLogs)
        {
            logging.AddJsonConsole(json => json.UseUtcTimestamp = true);
        }
        else
        {
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.UseUtcTimestamp = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
        }

        logging.SetMinimumLevel(options.MinimumLogLevel);
        // These categories log raw request paths and outgoing URLs, which can hold patient ids.
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        // It logs the exception message, which may quote request content; ProblemResponses logs type and stack instead.
        logging.AddFilter("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware", LogLevel.None);
    }

    private static void AddServices(IServiceCollection services, ServeOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(_ => ModelRegistry.Open(new RegistryOptions(options.RegistryRoot)));
        services.AddSingleton(_ => new AuditLog(options.ResolvedAuditLogPath, options.AuditSyncEachWrite));
        services.AddSingleton<ServeMetrics>();
        services.AddSingleton(new Pseudonyms(options.Security.PseudonymKey));
        services.AddSingleton<ModelCatalog>();
        services.AddHostedService(provider => provider.GetRequiredService<ModelCatalog>());
        services.AddSingleton<RiskService>();
        services.AddSingleton<BatchScorer>();
        services.AddSingleton<FhirBundleReader>();
        services.AddSingleton<RiskAssessmentBuilder>();
        services.AddSingleton<FhirPrediction>();
        services.AddSingleton<CdsHooksService>();
        services.AddSingleton<FhirServerClient>();
        services.AddHttpClient(FhirServerClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));

        services.AddRouting();
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = ProblemResponses.AddTraceId);
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Galen clinical model service";
            document.Info.Description = "REST, FHIR R4 RiskAssessment and CDS Hooks access to Galen's models. Authenticate with X-Api-Key or a JWT bearer token.";
            return Task.CompletedTask;
        }));

        AddSecurity(services, options);
    }

    private static void AddSecurity(IServiceCollection services, ServeOptions options)
    {
        const string Combined = "galen";
        var authentication = services.AddAuthentication(Combined)
            .AddPolicyScheme(Combined, "API key or JWT bearer", scheme => scheme.ForwardDefaultSelector = context =>
                ApiKeyAuthenticationHandler.KeyOf(context.Request) is not null || options.Security.Jwt is null
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        if (options.Security.Jwt is { } jwt)
        {
            byte[] key = Convert.FromBase64String(jwt.SigningKey);
            if (key.Length < 32)
            {
                throw new Core.Errors.GalenConfigurationException("The JWT signing key must be at least 32 bytes (256 bits), base64-encoded.");
            }

            authentication.AddJwtBearer(bearer =>
            {
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Issuer,
                    ValidAudience = jwt.Audience,
                    IssuerSigningKey = new SymmetricSecurityKey(key),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = "sub",
                    RoleClaimType = "role",
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });
        }

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(GalenRoles.Policies.Clinical, policy => policy.RequireRole(GalenRoles.Clinician, GalenRoles.DataScientist, GalenRoles.Admin))
            .AddPolicy(GalenRoles.Policies.Science, policy => policy.RequireRole(GalenRoles.DataScientist, GalenRoles.Admin))
            .AddPolicy(GalenRoles.Policies.Administration, policy => policy.RequireRole(GalenRoles.Admin));

        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                string partition = context.User.Identity is { IsAuthenticated: true, Name: { } name }
                    ? "user:" + name
                    : "address:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.RequestBurst,
                    TokensPerPeriod = options.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                await ProblemResponses.WriteAsync(context.HttpContext, new ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many requests",
                    Detail = $"This caller may make {options.RequestsPerSecond} requests per second (bursts up to {options.RequestBurst}). Retry after a second.",
                }).ConfigureAwait(false);
            };
        });
    }

    private static void ConfigurePipeline(IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<ServeOptions>();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ProblemResponses.HandleExceptionAsync });
        app.UseMiddleware<RequestTelemetryMiddleware>();
        app.UseStatusCodePages();
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            if (context.Request.Path.StartsWithSegments("/dashboard", StringComparison.Ordinal))
            {
                headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
                headers.XFrameOptions = "DENY";
            }

            await next(context).ConfigureAwait(false);
        });
        DashboardFiles.Use(app);
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<BodySizeLimitMiddleware>();
        app.UseEndpoints(endpoints =>
        {
            OperationsEndpoints.Map(endpoints);
            ModelEndpoints.Map(endpoints, options);
            PatientEndpoints.Map(endpoints);
            FhirEndpoints.Map(endpoints);
            CdsHooksEndpoints.Map(endpoints, options);
            DeidentificationEndpoints.Map(endpoints);
            endpoints.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(GalenRoles.Policies.Clinical);
            endpoints.MapGet("/", () => Results.Redirect("/dashboard/")).AllowAnonymous().ExcludeFromDescription();
        });
    }

    /// <summary>The base address a started host listens on.</summary>
    public static string AddressOf(IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var server = host.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>();
        var addresses = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>();
        return addresses?.Addresses.FirstOrDefault() ?? throw new InvalidOperationException("The host has no address yet; start it first.");
    }
}
