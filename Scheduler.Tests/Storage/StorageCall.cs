namespace Scheduler.Tests.Storage;

/// <summary>One request the app made to storage, as <see cref="StorageProbe"/> saw it.</summary>
/// <param name="Service">table, queue or blob.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Resource">The table, queue or container (<c>Tables</c> for table-service requests, <c>$batch</c> for a table transaction).</param>
/// <param name="Path">The request path below the account, unescaped (a table creation adds the table: <c>/Tables/Sites</c>).</param>
/// <param name="Scope">The probe's scope when the call was made (a site, in the load test); null outside any.</param>
public sealed record StorageCall(string Service, string Method, string Resource, string Path, string? Scope)
{
    /// <summary>The request's query, unescaped (a table query's <c>$filter</c>).</summary>
    public string Query { get; init; } = string.Empty;

    /// <summary>When the call started, as a <see cref="System.Diagnostics.Stopwatch"/> timestamp.</summary>
    public long StartedAt { get; init; }

    /// <summary>How long the call took, the pause of a fault included; zero until it finished.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Whether the call creates a table or a queue.</summary>
    public bool IsCreate =>
        (Service == "table" && Method == "POST" && Resource == "Tables")
        || (Service == "queue" && Method == "PUT" && !Path.Contains("/messages", StringComparison.Ordinal));

    /// <summary>Whether the call sends a queue message.</summary>
    public bool IsSend => Service == "queue" && Method == "POST" && Path.EndsWith("/messages", StringComparison.Ordinal);

    /// <summary>Whether the call is a table transaction.</summary>
    public bool IsBatch => Service == "table" && Resource == "$batch";
}
