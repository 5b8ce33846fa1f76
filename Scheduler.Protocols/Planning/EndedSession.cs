using NodaTime;

namespace Scheduler.Protocols.Planning;

/// <summary>A session that has ended, as a site remembers it to learn its driver's habits.</summary>
/// <param name="VehicleId">The vehicle (or driver), where known.</param>
/// <param name="Arrival">When it plugged in.</param>
/// <param name="Departure">When it really left.</param>
/// <param name="AnnouncedDeparture">The departure its driver had announced at arrival (or the site's default then).</param>
/// <param name="EnergyKwh">The energy it really took, in kWh.</param>
/// <param name="AnnouncedEnergyKwh">The energy its driver had asked for, or null where they asked for none.</param>
public sealed record EndedSession(string? VehicleId, Instant Arrival, Instant Departure, Instant AnnouncedDeparture, double EnergyKwh, double? AnnouncedEnergyKwh);
