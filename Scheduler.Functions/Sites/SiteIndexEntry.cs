namespace Scheduler.Functions.Sites;

/// <summary>A site as the timers need it: its id and which of them have work for it.</summary>
/// <param name="SiteId">The site.</param>
/// <param name="HasTariffFeed">Whether it has a price feed to pull.</param>
/// <param name="HasVtn">Whether it has an OpenADR 3 VTN to poll.</param>
public sealed record SiteIndexEntry(string SiteId, bool HasTariffFeed, bool HasVtn);
