using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Scheduler.Functions.Csms;
using Scheduler.Functions.PriceFeeds;
using Scheduler.Functions.Vtn;

namespace Scheduler.Functions.Configuration;

/// <summary>Registers the CSMS, VTN and tariff feed clients, their HttpClients and their validated options.</summary>
public static class HttpClientRegistration
{
    /// <summary>
    /// Adds <see cref="ICsmsClient"/>, <see cref="IVtnClient"/> and <see cref="ITariffFeedClient"/> (singletons), with
    /// options bound from the sections <c>"Csms"</c>, <c>"Vtn"</c> and <c>"TariffFeeds"</c> of
    /// <paramref name="configuration"/> and validated when the host starts. Adds <see cref="TimeProvider.System"/>
    /// unless a <see cref="TimeProvider"/> is already registered.
    /// </summary>
    public static IServiceCollection AddSchedulerHttpClients(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CsmsHttpOptions>().Bind(configuration.GetSection(CsmsHttpOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<VtnHttpOptions>().Bind(configuration.GetSection(VtnHttpOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TariffFeedHttpOptions>().Bind(configuration.GetSection(TariffFeedHttpOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        AddCsms(services);
        AddStandard<VtnHttpOptions>(services, VtnClient.HttpClientName, o => (o.AttemptTimeout, o.TotalTimeout, o.Attempts, o.BaseDelay));
        AddStandard<TariffFeedHttpOptions>(services, TariffFeedClient.HttpClientName, o => (o.AttemptTimeout, o.TotalTimeout, o.Attempts, o.BaseDelay));

        // The vehicle API's client retries nothing itself: its caller's queue tries again with backoff, and 408 and 429 are answers.
        services.AddHttpClient(Vehicles.VehicleOptions.HttpClientName)
            .ConfigureHttpClient((provider, client) => client.Timeout = provider.GetRequiredService<IOptions<Vehicles.VehicleOptions>>().Value.RequestTimeout);
        services.TryAddSingleton<Vehicles.IVehicleClient, Vehicles.TeslaFleetClient>();

        services.TryAddSingleton<ICsmsClient, CsmsClient>();
        services.TryAddSingleton<IVtnClient, VtnClient>();
        services.TryAddSingleton<ITariffFeedClient, TariffFeedClient>();
        return services;
    }

    private static void AddCsms(IServiceCollection services)
    {
        services.TryAddTransient<AttemptCounter>();
        services.TryAddTransient<AttemptGate>();

        services.TryAddTransient<StationBreakerHandler>();

        // The breakers live as long as the app, across the handler chains the factory builds and rebuilds.
        services.TryAddSingleton<StationBreakers>();

        // Outermost first: the total timeout bounds everything, and each retry goes through the handlers below.
        services.AddHttpClient(CsmsClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("csms", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<CsmsHttpOptions>>().Value;
                pipeline.AddTimeout(options.TotalTimeout);
                if (options.Attempts > 1)
                {
                    // The default predicate retries 5xx, 408, 429, connection failures and attempt timeouts, never another 4xx,
                    // an open circuit or a withdrawn request.
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.Attempts - 1,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = options.BaseDelay,
                    });
                }
            });

        // Added after the resilience handler, so inside it, in this order for every attempt: is the profile still wanted,
        // is the station's circuit closed (with the attempt's timeout inside the breaker), and count what reaches the wire.
        services.AddHttpClient(CsmsClient.HttpClientName)
            .AddHttpMessageHandler<AttemptGate>()
            .AddHttpMessageHandler<StationBreakerHandler>()
            .AddHttpMessageHandler<AttemptCounter>();
    }

    private static void AddStandard<TOptions>(
        IServiceCollection services, string name, Func<TOptions, (TimeSpan Attempt, TimeSpan Total, int Attempts, TimeSpan Delay)> select)
        where TOptions : class
    {
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions standard, IServiceProvider provider) =>
            {
                var (attempt, total, attempts, delay) = select(provider.GetRequiredService<IOptions<TOptions>>().Value);
                standard.AttemptTimeout.Timeout = attempt;
                standard.TotalRequestTimeout.Timeout = total;
                standard.Retry.Delay = delay;
                standard.Retry.MaxRetryAttempts = Math.Max(1, attempts - 1);
                if (attempts == 1)
                {
                    standard.Retry.ShouldHandle = _ => PredicateResult.False();
                }

                // The library requires the breaker's window to be at least twice the attempt timeout.
                if (standard.CircuitBreaker.SamplingDuration < 2 * attempt)
                {
                    standard.CircuitBreaker.SamplingDuration = 2 * attempt;
                }
            });
    }
}
