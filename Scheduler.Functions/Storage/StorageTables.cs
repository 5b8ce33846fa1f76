using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace Scheduler.Functions.Storage;

/// <summary>The app's table clients, each table created on first use in this process.</summary>
public sealed class StorageTables
{
    private readonly TableServiceClient _service;
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new(StringComparer.Ordinal);

    /// <summary>Creates the clients for one account.</summary>
    public StorageTables(TableServiceClient service)
    {
        ArgumentNullException.ThrowIfNull(service);
        _service = service;
    }

    /// <summary>The client of table <paramref name="name"/>, which exists once the task completes.</summary>
    public Task<TableClient> GetAsync(string name, CancellationToken cancellationToken = default) =>
        _tables.GetOrAdd(name, n => new Lazy<Task<TableClient>>(() => CreateAsync(n, cancellationToken))).Value;

    private async Task<TableClient> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var client = _service.GetTableClient(name);
        await client.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        return client;
    }
}
