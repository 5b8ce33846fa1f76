using Azure.Identity;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Scheduler.Functions.Configuration;

/// <summary>
/// Application Insights for the worker: the app's Information logs are kept (the SDK keeps only warnings by default),
/// and where local authentication is off (<c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> =
/// <c>ClientId=…;Authorization=AAD</c>), telemetry is sent with the app's managed identity.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>The setting that asks for Entra ID authentication of telemetry.</summary>
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    private const string ApplicationInsightsLogger = "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    /// <summary>Adds Application Insights to the worker's services.</summary>
    public static IServiceCollection AddSchedulerTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services
            .AddApplicationInsightsTelemetryWorkerService()
            .ConfigureFunctionsApplicationInsights();
        services.Configure<LoggerFilterOptions>(options =>
        {
            var rule = options.Rules.FirstOrDefault(r => r.ProviderName == ApplicationInsightsLogger);
            if (rule is not null)
            {
                options.Rules.Remove(rule);
            }
        });

        if (ClientIdOf(configuration[AuthenticationSetting]) is { } clientId)
        {
            services.Configure<TelemetryConfiguration>(telemetry =>
                telemetry.SetAzureTokenCredential(new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))));
        }

        return services;
    }

    /// <summary>The managed identity's client id in an authentication string <c>ClientId=…;Authorization=AAD</c>, or null.</summary>
    public static string? ClientIdOf(string? authentication)
    {
        if (string.IsNullOrWhiteSpace(authentication))
        {
            return null;
        }

        var parts = authentication.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        return parts.TryGetValue("Authorization", out var kind) && string.Equals(kind, "AAD", StringComparison.OrdinalIgnoreCase)
            && parts.TryGetValue("ClientId", out var clientId) && !string.IsNullOrWhiteSpace(clientId)
            ? clientId
            : null;
    }
}
