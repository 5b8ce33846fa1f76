using NodaTime;

namespace Scheduler.Functions.Tariffs;

/// <summary>How a site's price feed last went.</summary>
/// <param name="Source">The feed (format and host), as recorded in plans.</param>
/// <param name="LastSuccessAt">When prices last came; null if never.</param>
/// <param name="LastAttemptAt">When the feed was last asked.</param>
/// <param name="LastError">Why the last attempt failed; null when it succeeded.</param>
public sealed record TariffFeedStatus(string Source, Instant? LastSuccessAt, Instant LastAttemptAt, string? LastError);
