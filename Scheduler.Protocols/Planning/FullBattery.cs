namespace Scheduler.Protocols.Planning;

/// <summary>
/// When a vehicle counts as full: its latest meter value shows (almost) no power although the plan in force allowed
/// it a real share just before. It stopped on its own, so nothing more is planned for it and its capacity goes to the
/// others. The Functions app sees this in the chargers' meter values; the replay in its own simulated meter.
/// </summary>
public static class FullBattery
{
    /// <summary>At most this power, in W, counts as not drawing (a charger's own consumption shows in some meters).</summary>
    public const double IdlePowerW = 100;

    /// <summary>The energy source a plan records for a session it found full: nothing more is planned for it.</summary>
    public const string EnergySource = "full";

    /// <summary>The least energy, in kWh, the plan must have allowed in the look-back for a stop to mean a full battery.</summary>
    public const double AllowedKwh = 0.05;

    /// <summary>How far before the meter value the plan must have allowed charging.</summary>
    public static readonly NodaTime.Duration LookBack = NodaTime.Duration.FromMinutes(5);

    /// <summary>Whether <paramref name="session"/> is full.</summary>
    public static bool IsFull(PluggedSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.FullBefore
            || (session.MeterPowerW is { } powerW && powerW <= IdlePowerW && session.AllowedBeforeMeterKwh > AllowedKwh);
    }
}
