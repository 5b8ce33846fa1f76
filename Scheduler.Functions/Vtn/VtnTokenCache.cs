using System.Collections.Concurrent;

namespace Scheduler.Functions.Vtn;

/// <summary>
/// Access tokens per set of client credentials, each with the instant after which it is no longer used. One per
/// process (a singleton), so that every poll of a VTN shares the token.
/// </summary>
internal sealed class VtnTokenCache
{
    private readonly ConcurrentDictionary<(Uri TokenUrl, string ClientId, string? Scope), Entry> _tokens = new();

    /// <summary>The cached token for <paramref name="credentials"/>, if there is one still good at <paramref name="now"/>.</summary>
    public string? Get(VtnClientCredentials credentials, DateTimeOffset now) =>
        _tokens.TryGetValue(Key(credentials), out var entry) && (entry.UseUntil is null || now < entry.UseUntil) ? entry.Token : null;

    /// <summary>Keeps <paramref name="token"/> until <paramref name="useUntil"/> (<see langword="null"/>: until the VTN refuses it).</summary>
    public void Set(VtnClientCredentials credentials, string token, DateTimeOffset? useUntil) => _tokens[Key(credentials)] = new Entry(token, useUntil);

    /// <summary>Forgets <paramref name="token"/>, unless another caller has already replaced it.</summary>
    public void Invalidate(VtnClientCredentials credentials, string token)
    {
        var key = Key(credentials);
        if (_tokens.TryGetValue(key, out var entry) && entry.Token == token)
        {
            // Removes the entry only if it is still this one.
            _tokens.TryRemove(KeyValuePair.Create(key, entry));
        }
    }

    private static (Uri TokenUrl, string ClientId, string? Scope) Key(VtnClientCredentials credentials) => (credentials.TokenUrl, credentials.ClientId, credentials.Scope);

    private sealed record Entry(string Token, DateTimeOffset? UseUntil);
}
