using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;
using Scheduler.Functions.Configuration;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Storage;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions;

/// <summary>
/// The app as the Functions host composes it, on Azurite, with a fake clock: the real service registration, real
/// tables and queues, and a small stand-in for the host's queue loop (deliver, delete on success, redeliver on an
/// exception, poison after the last delivery) so that function classes run as the host would run them.
/// </summary>
internal sealed class AppHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private AppHarness(ServiceProvider provider, FakeClock clock, QueueServiceClient queues, TableServiceClient tables, LogSink logs, StorageProbe storage)
    {
        _provider = provider;
        Clock = clock;
        Queues = queues;
        Tables = tables;
        Logs = logs;
        Storage = storage;
    }

    public FakeClock Clock { get; }

    public QueueServiceClient Queues { get; }

    public TableServiceClient Tables { get; }

    public LogSink Logs { get; }

    /// <summary>Every storage call the app makes passes it: it counts them, refuses what Azure would, and injects faults.</summary>
    public StorageProbe Storage { get; }

    public IServiceProvider Services => _provider;

    /// <summary>Empties the account and composes the app on it.</summary>
    public static async Task<AppHarness> StartAsync(AzuriteFixture azurite, Instant now, IDictionary<string, string?>? settings = null)
    {
        var tables = azurite.CreateTableService();
        var queues = azurite.CreateQueueService();
        await foreach (var table in tables.QueryAsync())
        {
            await tables.DeleteTableAsync(table.Name);
        }

        await foreach (var queue in queues.GetQueuesAsync())
        {
            await queues.DeleteQueueAsync(queue.Name);
        }

        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["PlanAllSitesSchedule"] = "0 */15 * * * *",
            ["PullTariffsSchedule"] = "0 5 * * * *",
            ["PollGridSignalsSchedule"] = "0 */1 * * * *",
            ["Planning:SolverTimeLimit"] = "00:00:30",
            ["Planning:ReplanDelay"] = "00:00:00",
            // Retries of unanswered profiles come back at once, so that a test drains them without waiting.
            ["Dispatch:RetryDelay"] = "00:00:00",
            ["Dispatch:MaxRetryDelay"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var clock = new FakeClock(now);
        var logs = new LogSink();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        services.AddScheduler(configuration, clock);

        // The app's own clients, with the probe in their pipelines; the test's clients above stay outside it.
        var probe = new StorageProbe();
        var connection = StorageConnection.FromConnectionString(azurite.ConnectionString);
        services.AddSingleton(_ => connection.CreateTableService(o => o.AddPolicy(probe.For("table"), HttpPipelinePosition.PerCall)));
        services.AddSingleton(_ => connection.CreateQueueService(o => o.AddPolicy(probe.For("queue"), HttpPipelinePosition.PerCall)));
        services.AddSingleton(_ => new RawQueueService(connection.CreateQueueService(o =>
        {
            o.MessageEncoding = QueueMessageEncoding.None;
            o.AddPolicy(probe.For("queue"), HttpPipelinePosition.PerCall);
        })));
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new AppHarness(provider, clock, queues, tables, logs, probe);
    }

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>A function class, created as the worker creates it.</summary>
    public T Function<T>() => ActivatorUtilities.CreateInstance<T>(_provider);

    /// <summary>Sends a message as a producer would (base64).</summary>
    public async Task SendAsync(string queue, string text)
    {
        var client = Queues.GetQueueClient(queue);
        await client.CreateIfNotExistsAsync();
        await client.SendMessageAsync(text);
    }

    /// <summary>The texts waiting in a queue, without taking them.</summary>
    public async Task<IReadOnlyList<string>> PeekAsync(string queue)
    {
        var client = Queues.GetQueueClient(queue);
        if (!await client.ExistsAsync())
        {
            return [];
        }

        var peeked = await client.PeekMessagesAsync(32);
        return [.. peeked.Value.Select(m => m.Body.ToString())];
    }

    /// <summary>Receives one message of a queue, as the trigger would; null when the queue is empty.</summary>
    public async Task<QueueMessage?> ReceiveAsync(string queue)
    {
        var client = Queues.GetQueueClient(queue);
        if (!await client.ExistsAsync())
        {
            return null;
        }

        var received = await client.ReceiveMessageAsync(TimeSpan.FromMinutes(5));
        return received.Value;
    }

    /// <summary>
    /// Delivers the queue's messages to <paramref name="run"/> until it is empty, as the host does: a message is
    /// deleted when the function returns, made visible again when it throws, and moved to the poison queue when it
    /// throws on its last delivery.
    /// </summary>
    /// <param name="queue">The queue.</param>
    /// <param name="run">The function.</param>
    /// <param name="maxDequeueCount">host.json's maxDequeueCount.</param>
    /// <param name="maxDeliveries">Stops after this many deliveries, leaving the rest in the queue.</param>
    /// <returns>How many deliveries were made.</returns>
    public async Task<int> DrainAsync(string queue, Func<QueueMessage, Task> run, int maxDequeueCount = 5, int maxDeliveries = 500)
    {
        var client = Queues.GetQueueClient(queue);
        var deliveries = 0;
        while (deliveries < maxDeliveries && await ReceiveAsync(queue) is { } message)
        {
            deliveries++;
            try
            {
                await run(message);
                await client.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                if (message.DequeueCount >= maxDequeueCount)
                {
                    var poison = Queues.GetQueueClient(QueueNames.PoisonOf(queue));
                    await poison.CreateIfNotExistsAsync();
                    await poison.SendMessageAsync(message.Body.ToString());
                    await client.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
                else
                {
                    await client.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
                }
            }
        }

        return deliveries;
    }

    /// <summary>Reads every row of a table (empty when it does not exist).</summary>
    public async Task<IReadOnlyList<TableEntity>> RowsAsync(string table)
    {
        var rows = new List<TableEntity>();
        try
        {
            await foreach (var row in Tables.GetTableClient(table).QueryAsync<TableEntity>())
            {
                rows.Add(row);
            }
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
        }

        return rows;
    }

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();
}
