using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Scheduler.Functions.Billing;
using Scheduler.Functions.Habits;
using Scheduler.Functions.Departures;
using Scheduler.Functions.Dispatch;
using Scheduler.Functions.Http;
using Scheduler.Functions.Ingest;
using Scheduler.Functions.Planning;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Signals;
using Scheduler.Functions.Sites;
using Scheduler.Functions.Storage;
using Scheduler.Functions.Tariffs;
using Scheduler.Functions.Vehicles;

namespace Scheduler.Functions.Configuration;

/// <summary>The app's services, as the Functions host and the tests compose them.</summary>
public static class ServiceRegistration
{
    /// <summary>Adds every store, service and client of the app, and validates its options at start-up.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The app settings.</param>
    /// <param name="clock">The clock; the system clock is passed by the composition root only.</param>
    public static IServiceCollection AddScheduler(this IServiceCollection services, IConfiguration configuration, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(clock);

        services.AddSingleton(clock);
        services.AddOptions<PlanningOptions>().Bind(configuration.GetSection(PlanningOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DispatchOptions>().Bind(configuration.GetSection(DispatchOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<QueueOptions>().Bind(configuration.GetSection(QueueOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ScheduleOptions>().Bind(configuration).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>()
            .Configure(o =>
            {
                var section = configuration.GetSection(StorageConnection.SettingName);
                o.ConnectionString = configuration[StorageConnection.SettingName];
                o.AccountName = section["accountName"];
                o.TableServiceUri = section["tableServiceUri"];
                o.QueueServiceUri = section["queueServiceUri"];
            })
            .Validate(o => o.IsConfigured, $"storage is not configured: set '{StorageConnection.SettingName}' to a connection string, or '{StorageConnection.SettingName}__accountName' to use the managed identity")
            .ValidateOnStart();

        services.AddSingleton(_ => StorageConnection.FromConfiguration(configuration));
        services.AddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateTableService());
        services.AddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateQueueService());
        services.AddSingleton<StorageTables>();
        services.AddSingleton<QueueSender>();
        services.AddSingleton(sp => new RawQueueService(sp.GetRequiredService<StorageConnection>().CreateQueueService(o => o.MessageEncoding = QueueMessageEncoding.None)));

        services.AddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateBlobService());
        services.AddSingleton<SiteDocuments>();
        services.AddSingleton<SiteStore>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<DepartureStore>();
        services.AddSingleton<RecurringDepartureStore>();
        services.AddSingleton<BoostStore>();
        services.AddSingleton<SessionTargets>();
        services.AddSingleton<TariffStore>();
        services.AddSingleton<GridSignalStore>();
        services.AddSingleton<PlanStore>();
        services.AddSingleton<DispatchStore>();
        services.AddSingleton<DispatchQueue>();
        services.AddSingleton<MessageInbox>();
        services.AddSingleton<PoisonStore>();
        services.AddSingleton<PoisonWatcher>();
        services.AddSingleton<PoisonReplay>();
        services.AddSingleton<QueueMessageProcessor>();
        services.AddSingleton<PlanRequestQueue>();

        services.AddSingleton<SiteIngest>();
        services.AddSingleton<DepartureIngest>();
        services.AddSingleton<SessionEventIngest>();
        services.AddSingleton<ProfileRenegotiation>();
        services.AddOptions<VehicleOptions>().Bind(configuration.GetSection(VehicleOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<VehicleTokenStore>();
        services.AddSingleton<VehicleAccessTokens>();
        services.AddSingleton<VehicleRouting>();
        services.AddSingleton<VehicleCommandQueue>();
        services.AddSingleton<VehicleDispatcher>();
        services.AddSingleton<GridSignalIngest>();
        services.AddSingleton<PriceAssembler>();
        services.AddSingleton<SiteImportStore>();
        services.AddSingleton<BillingPeakStore>();
        services.AddSingleton<SiteMeterStore>();
        services.AddSingleton<SiteMeterIngest>();
        services.AddSingleton<SiteBilling>();
        services.AddSingleton<VehicleHistoryStore>();
        services.AddSingleton<ScenarioAssembler>();
        services.AddSingleton<SitePlanner>();
        services.AddSingleton<SiteFanOut>();
        services.AddSingleton<ProfileDispatcher>();
        services.AddSingleton<TariffPuller>();
        services.AddSingleton<GridSignalPoller>();

        // The HTTP API and the operator page.
        services.AddSingleton<VehicleAccessStore>();
        services.AddSingleton<VehicleRateLimiter>();
        services.AddSingleton<ApiGate>();
        services.AddSingleton<DepartureRequests>();
        services.AddSingleton<RecurringDepartureRequests>();
        services.AddSingleton<BoostRequests>();
        services.AddSingleton<SitePlanReader>();
        services.AddSingleton<VehiclePlanRequests>();
        services.AddSingleton<VehicleAccessRequests>();
        services.AddSingleton<SitePage>();

        services.AddSchedulerHttpClients(configuration);
        return services;
    }
}
