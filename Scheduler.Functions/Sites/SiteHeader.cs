namespace Scheduler.Functions.Sites;

/// <summary>A site's own row: what ingests, timers and dispatch need without reading every circuit and charger.</summary>
/// <param name="Id">The site's id.</param>
/// <param name="TimeZone">Its IANA time zone.</param>
/// <param name="VoltageV">Phase-to-neutral voltage, in V.</param>
/// <param name="GridLimitKw">The grid connection's import limit, in kW.</param>
/// <param name="Settings">Tariff source, defaults, CSMS and VTN.</param>
public sealed record SiteHeader(string Id, string TimeZone, double VoltageV, double GridLimitKw, SiteSettings Settings);
