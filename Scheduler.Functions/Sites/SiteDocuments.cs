using Azure;
using Azure.Storage.Blobs;
using Scheduler.Functions.Storage;

namespace Scheduler.Functions.Sites;

/// <summary>
/// Site messages too large for a queue message (a queue message holds 64 KiB, a few hundred chargers), uploaded by the
/// operator as blobs of the <c>site-documents</c> container and named by a small <c>site</c> message.
/// </summary>
public sealed class SiteDocuments
{
    /// <summary>The largest document read, in bytes.</summary>
    public const long MaxBytes = 32 * 1024 * 1024;

    private readonly BlobContainerClient _container;

    /// <summary>Creates the reader over the account's blobs.</summary>
    public SiteDocuments(BlobServiceClient blobs)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        _container = blobs.GetBlobContainerClient(BlobContainerNames.SiteDocuments);
    }

    /// <summary>The text of document <paramref name="name"/>, or null when there is no such blob.</summary>
    /// <exception cref="InvalidDataException">The blob is larger than <see cref="MaxBytes"/>.</exception>
    public async Task<string?> ReadAsync(string name, CancellationToken cancellationToken = default)
    {
        var blob = _container.GetBlobClient(name);
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            if (properties.Value.ContentLength > MaxBytes)
            {
                throw new InvalidDataException($"the site document '{name}' is {properties.Value.ContentLength} bytes; at most {MaxBytes} are read");
            }

            var content = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
