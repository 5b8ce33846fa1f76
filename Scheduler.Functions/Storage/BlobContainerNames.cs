namespace Scheduler.Functions.Storage;

/// <summary>The app's blob containers. Names are fixed: the deployment creates them.</summary>
public static class BlobContainerNames
{
    /// <summary>Site messages too large for a queue message (more than a few hundred chargers), which a <c>site</c> message names.</summary>
    public const string SiteDocuments = "site-documents";

    /// <summary>Every container of the app (the deployment's package container is the host's, not the app's).</summary>
    public static IReadOnlyList<string> All { get; } = [SiteDocuments];
}
