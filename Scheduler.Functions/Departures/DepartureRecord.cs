using NodaTime;

namespace Scheduler.Functions.Departures;

/// <summary>What a driver set for a session or a vehicle.</summary>
/// <param name="Departure">When the driver leaves.</param>
/// <param name="EnergyKwh">The energy the driver asked for, in kWh.</param>
/// <param name="SentAt">The app's timestamp of the setting (the newest wins), no later than when it was received; that instant when the app sent none.</param>
/// <param name="ReceivedAt">When the app received it.</param>
/// <param name="MessageId">The message that set it.</param>
public sealed record DepartureRecord(Instant Departure, double EnergyKwh, Instant SentAt, Instant ReceivedAt, string MessageId)
{
    /// <summary>Who set it, as the plan's inputs name it: <c>driver</c> (the default), <c>recurring</c> (the vehicle's week) or <c>boost</c> (full power now).</summary>
    public string Source { get; init; } = DepartureSources.Driver;
}
