using Azure.Data.Tables;

namespace Scheduler.Functions.Storage;

/// <summary>The app's table clients, each table created on first use in this process (see <see cref="CreatedOnce{T}"/>).</summary>
public sealed class StorageTables
{
    private readonly TableServiceClient _service;
    private readonly CreatedOnce<TableClient> _tables;

    /// <summary>Creates the clients for one account.</summary>
    public StorageTables(TableServiceClient service)
    {
        ArgumentNullException.ThrowIfNull(service);
        _service = service;
        _tables = new CreatedOnce<TableClient>(CreateAsync);
    }

    /// <summary>The client of table <paramref name="name"/>, which exists once the task completes.</summary>
    public Task<TableClient> GetAsync(string name, CancellationToken cancellationToken = default) => _tables.GetAsync(name, cancellationToken);

    private async Task<TableClient> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var client = _service.GetTableClient(name);
        await client.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        return client;
    }
}
