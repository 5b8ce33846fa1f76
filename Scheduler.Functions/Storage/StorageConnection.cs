using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Scheduler.Functions.Storage;

/// <summary>
/// How the app reaches its storage account: the same setting the Functions host uses for its triggers
/// (<c>AzureWebJobsStorage</c>), either a connection string (locally, Azurite) or, in Azure, identity-based
/// settings (<c>AzureWebJobsStorage__accountName</c>, or <c>__tableServiceUri</c> and <c>__queueServiceUri</c>,
/// with <c>__clientId</c> for a user-assigned managed identity) and no shared key.
/// </summary>
public sealed class StorageConnection
{
    /// <summary>The setting's name; the Functions host reads the same one.</summary>
    public const string SettingName = "AzureWebJobsStorage";

    private readonly string? _connectionString;
    private readonly Uri? _tableUri;
    private readonly Uri? _queueUri;
    private readonly Uri? _blobUri;
    private readonly TokenCredential? _credential;

    private StorageConnection(string? connectionString, Uri? tableUri, Uri? queueUri, Uri? blobUri, TokenCredential? credential)
    {
        _connectionString = connectionString;
        _tableUri = tableUri;
        _queueUri = queueUri;
        _blobUri = blobUri;
        _credential = credential;
    }

    /// <summary>Whether the connection uses an identity (no shared key).</summary>
    public bool UsesIdentity => _credential is not null;

    /// <summary>A connection from a connection string (Azurite, or an account with shared keys).</summary>
    public static StorageConnection FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new StorageConnection(connectionString, null, null, null, null);
    }

    /// <summary>Reads the connection from configuration.</summary>
    /// <exception cref="InvalidOperationException">Neither a connection string nor identity-based settings are present, or they are malformed.</exception>
    public static StorageConnection FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[SettingName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return FromConnectionString(connectionString);
        }

        var section = configuration.GetSection(SettingName);
        var accountName = section["accountName"];
        var tableUri = ReadUri(section, "tableServiceUri")
            ?? (accountName is null ? null : new Uri($"https://{accountName}.table.core.windows.net"));
        var queueUri = ReadUri(section, "queueServiceUri")
            ?? (accountName is null ? null : new Uri($"https://{accountName}.queue.core.windows.net"));
        var blobUri = ReadUri(section, "blobServiceUri")
            ?? (accountName is null ? null : new Uri($"https://{accountName}.blob.core.windows.net"));
        if (tableUri is null || queueUri is null)
        {
            throw new InvalidOperationException(
                $"storage is not configured: set '{SettingName}' to a connection string, or '{SettingName}__accountName' " +
                $"(or both '{SettingName}__tableServiceUri' and '{SettingName}__queueServiceUri') to use the app's managed identity");
        }

        var clientId = section["clientId"];
        TokenCredential credential = string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        return new StorageConnection(null, tableUri, queueUri, blobUri, credential);
    }

    /// <summary>A client for the account's tables.</summary>
    /// <param name="configure">Changes to the client's options (tests add their probes here); null for none.</param>
    public TableServiceClient CreateTableService(Action<TableClientOptions>? configure = null)
    {
        var options = new TableClientOptions();
        configure?.Invoke(options);
        return _connectionString is not null ? new TableServiceClient(_connectionString, options) : new TableServiceClient(_tableUri, _credential, options);
    }

    /// <summary>A client for the account's queues, writing base64 as the queue trigger expects.</summary>
    /// <param name="configure">Changes to the client's options (tests add their probes here); null for none.</param>
    public QueueServiceClient CreateQueueService(Action<QueueClientOptions>? configure = null)
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        configure?.Invoke(options);
        return _connectionString is not null
            ? new QueueServiceClient(_connectionString, options)
            : new QueueServiceClient(_queueUri, _credential, options);
    }

    /// <summary>A client for the account's blobs (documents too large for a queue message).</summary>
    /// <exception cref="InvalidOperationException">The identity-based settings name no blob endpoint.</exception>
    public BlobServiceClient CreateBlobService()
    {
        if (_connectionString is not null)
        {
            return new BlobServiceClient(_connectionString);
        }

        return _blobUri is not null
            ? new BlobServiceClient(_blobUri, _credential)
            : throw new InvalidOperationException($"storage has no blob endpoint: set '{SettingName}__accountName' or '{SettingName}__blobServiceUri'");
    }

    private static Uri? ReadUri(IConfigurationSection section, string key)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new InvalidOperationException($"'{SettingName}__{key}' must be an absolute https URI, found '{text}'");
    }
}
