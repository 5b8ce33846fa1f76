using System.Collections.Concurrent;
using Azure;

namespace Scheduler.Functions.Storage;

/// <summary>
/// Tables and queues created on first use in this process. Only a success is remembered: a creation that fails
/// (a 503, or a 403 while a role assignment is still spreading after a deploy) is retried a few times, and if it
/// still fails the next caller starts afresh. Callers share one creation at a time, which runs on its own and is not
/// cancelled with the caller that started it: a cancelled first caller leaves nothing behind for the others.
/// </summary>
/// <typeparam name="T">The client of the created resource.</typeparam>
public sealed class CreatedOnce<T>
    where T : class
{
    /// <summary>How often one creation is tried before its callers see the failure.</summary>
    public const int Attempts = 3;

    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> _created = new(StringComparer.Ordinal);
    private readonly Func<string, CancellationToken, Task<T>> _create;

    /// <summary>Creates the cache.</summary>
    /// <param name="create">Creates the resource if it does not exist and returns its client; must be idempotent.</param>
    public CreatedOnce(Func<string, CancellationToken, Task<T>> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        _create = create;
    }

    /// <summary>The client of <paramref name="name"/>, which exists once the task completes.</summary>
    /// <param name="name">The table or queue.</param>
    /// <param name="cancellationToken">Stops this caller's wait; the creation itself goes on for the others.</param>
    public async Task<T> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var creation = _created.GetOrAdd(name, n => new Lazy<Task<T>>(() => CreateAsync(n)));
        try
        {
            return await creation.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (creation.Value.IsFaulted)
        {
            // Forget the failure (unless a newer attempt has already replaced it), so that the next caller tries again.
            _created.TryRemove(KeyValuePair.Create(name, creation));
            throw;
        }
    }

    private async Task<T> CreateAsync(string name)
    {
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _create(name, CancellationToken.None).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (attempt < Attempts && IsTransient(e))
            {
                await Task.Delay(delay).ConfigureAwait(false);
                delay *= 4;
            }
        }
    }

    // 403 is transient here: right after a deploy the app's role assignment may not have reached the storage account yet.
    private static bool IsTransient(RequestFailedException e) => e.Status is 0 or 403 or 408 or 429 or >= 500;
}
