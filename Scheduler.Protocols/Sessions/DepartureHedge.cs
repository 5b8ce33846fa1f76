using NodaTime;

namespace Scheduler.Protocols.Sessions;

/// <summary>
/// The departure a plan works to. Drivers often leave well before the time they announce, so a site may hold back a
/// share of each announced stay (the margin): the plan then aims to finish early, and keeps going until the announced
/// time if the vehicle is still there. Once even that has passed, the vehicle is planned an hour at a time.
/// </summary>
public static class DepartureHedge
{
    /// <summary>How far ahead a vehicle still plugged in after its announced departure is planned.</summary>
    public static readonly Duration OverstayExtension = Duration.FromHours(1);

    /// <summary>The departure to plan for at <paramref name="now"/>.</summary>
    /// <param name="arrival">When the vehicle plugged in.</param>
    /// <param name="announced">The departure its driver announced (or the site's default).</param>
    /// <param name="now">The planning instant.</param>
    /// <param name="slot">The plan's slot length: a departure less than a slot ahead is no departure to plan for.</param>
    /// <param name="margin">The share of the stay held back, 0 to less than 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="margin"/> is outside [0, 1).</exception>
    public static Instant PlannedDeparture(Instant arrival, Instant announced, Instant now, Duration slot, double margin)
    {
        if (margin is < 0 or >= 1 || double.IsNaN(margin))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "the departure margin is a share of the stay, from 0 to less than 1");
        }

        var hedged = arrival + Duration.FromTicks((long)((announced - arrival).BclCompatibleTicks * (1 - margin)));
        if (hedged >= now + slot)
        {
            return hedged;
        }

        return announced >= now + slot ? announced : now + OverstayExtension;
    }
}
