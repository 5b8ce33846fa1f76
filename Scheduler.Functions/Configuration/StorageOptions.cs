namespace Scheduler.Functions.Configuration;

/// <summary>
/// The storage settings as configured (<c>AzureWebJobsStorage</c> or its identity-based <c>__accountName</c> form),
/// checked at start-up so that a missing setting stops the app with a clear message instead of at the first message.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>The connection string, locally.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account name, in Azure with a managed identity.</summary>
    public string? AccountName { get; set; }

    /// <summary>The table endpoint, in Azure with a managed identity, where no account name is given.</summary>
    public string? TableServiceUri { get; set; }

    /// <summary>The queue endpoint, in Azure with a managed identity, where no account name is given.</summary>
    public string? QueueServiceUri { get; set; }

    /// <summary>Whether enough is set to reach the tables and queues.</summary>
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(ConnectionString)
        || !string.IsNullOrWhiteSpace(AccountName)
        || (!string.IsNullOrWhiteSpace(TableServiceUri) && !string.IsNullOrWhiteSpace(QueueServiceUri));
}
