using NodaTime;

namespace Scheduler.Functions.Sessions;

/// <summary>What a session's driver and vehicle announced, resolved by the site's rules, for planning.</summary>
/// <param name="Departure">The announced departure, or null where neither announced one (the site's default applies).</param>
/// <param name="DepartureSource">driver or vehicle; null with <paramref name="Departure"/>.</param>
/// <param name="EnergyKwh">The energy the session should have in all, in kWh, or null where neither said (the site's default applies).</param>
/// <param name="EnergySource">driver or vehicle; null with <paramref name="EnergyKwh"/>.</param>
/// <param name="Limits">The session's current limits and schedule budget.</param>
/// <param name="Note">Which announcement was used and why, for the plan's explanation; empty where nothing needed saying.</param>
public sealed record SessionAnnouncement(
    Instant? Departure, string? DepartureSource, double? EnergyKwh, string? EnergySource, SessionLimits Limits, string Note);
