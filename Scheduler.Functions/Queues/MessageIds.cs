using System.Security.Cryptography;
using System.Text;

namespace Scheduler.Functions.Queues;

/// <summary>Message ids the app derives from other ids: stable, so that the same cause gives the same id, and short enough for a message.</summary>
public static class MessageIds
{
    /// <summary>The longest id a message carries.</summary>
    public const int MaxLength = 128;

    /// <summary>The id itself when it is short enough, else its prefix and a hash of the whole.</summary>
    public static string Bounded(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (id.Length <= MaxLength)
        {
            return id;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..32];
        return string.Concat(id.AsSpan(0, MaxLength - 33), ":", hash);
    }

    /// <summary>A short hash of a text, for ids derived from content.</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
