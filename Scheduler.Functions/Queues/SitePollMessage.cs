namespace Scheduler.Functions.Queues;

/// <summary>
/// One site's share of a timer's work (message type <c>site-poll</c>, queues <c>tariff-pulls</c> and <c>vtn-polls</c>):
/// the timers only fan out, one message per site, and the queue spreads the sites over the instances.
/// </summary>
/// <param name="Id">The idempotency key: derived from the site and the timer's occurrence, so that a timer that fires twice sends nothing twice.</param>
/// <param name="SiteId">The site.</param>
public sealed record SitePollMessage(string Id, string SiteId)
{
    /// <summary>The message type.</summary>
    public const string Type = "site-poll";

    /// <summary>The message as JSON.</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(new { type = Type, version = 1, id = Id, siteId = SiteId });
}
