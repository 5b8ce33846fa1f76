using Azure.Data.Tables;
using NodaTime;
using Scheduler.Functions.Storage;

namespace Scheduler.Functions.Vehicles;

/// <summary>
/// The <c>VehicleTokens</c> table: per site, the newest OAuth2 tokens of its vehicle account. The API rotates refresh
/// tokens (each is good for one refresh), so the newest must outlive the app's restarts; the app setting holds only the
/// first. Writes are ETag-guarded, so two instances refreshing at once never lose the newer token.
/// </summary>
public sealed class VehicleTokenStore
{
    private const string RowKey = "account";

    private readonly StorageTables _tables;

    /// <summary>Creates the store.</summary>
    public VehicleTokenStore(StorageTables tables) => _tables = tables;

    /// <summary>The site's tokens, or null before the first refresh.</summary>
    public async Task<VehicleTokens?> GetAsync(string siteId, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.VehicleTokens, cancellationToken).ConfigureAwait(false);
        var row = await OptimisticUpdate.ReadAsync(table, TableKey.Encode(siteId), RowKey, cancellationToken).ConfigureAwait(false);
        return row is null
            ? null
            : new VehicleTokens(row.GetString("AccessToken"), row.GetString("RefreshToken"), Instant.FromDateTimeOffset(row.GetDateTimeOffset("ExpiresAt")!.Value), row.GetString("UsedRefreshToken"));
    }

    /// <summary>Keeps <paramref name="tokens"/>, unless another refresh of the same refresh token was kept first.</summary>
    public async Task SaveAsync(string siteId, VehicleTokens tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var table = await _tables.GetAsync(TableNames.VehicleTokens, cancellationToken).ConfigureAwait(false);
        await OptimisticUpdate.ApplyAsync(
            table,
            TableKey.Encode(siteId),
            RowKey,
            current =>
            {
                if (current is not null && current.GetString("UsedRefreshToken") == tokens.UsedRefreshToken && current.GetString("RefreshToken") != tokens.RefreshToken)
                {
                    return null;
                }

                return new TableEntity(TableKey.Encode(siteId), RowKey)
                {
                    ["AccessToken"] = tokens.AccessToken,
                    ["RefreshToken"] = tokens.RefreshToken,
                    ["ExpiresAt"] = tokens.ExpiresAt.ToDateTimeOffset(),
                    ["UsedRefreshToken"] = tokens.UsedRefreshToken,
                    ETag = current?.ETag ?? default,
                };
            },
            cancellationToken).ConfigureAwait(false);
    }
}
