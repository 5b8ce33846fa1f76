using NodaTime;

namespace Scheduler.Protocols.Sessions;

/// <summary>
/// The departure a plan works to: a share of the announced stay. Drivers often leave well before the time they
/// announce, so a plan may aim to finish early (a share below 1), and keeps going until the announced time if the
/// vehicle is still there. A driver who habitually stays longer than announced may be planned past the announcement (a
/// share above 1), which spreads the charging over the stay the driver really takes. Once the planned time has passed
/// and the announced one too, the vehicle is planned an hour at a time.
/// </summary>
public static class DepartureHedge
{
    /// <summary>How far ahead a vehicle still plugged in after its announced departure is planned.</summary>
    public static readonly Duration OverstayExtension = Duration.FromHours(1);

    /// <summary>The largest share of the announced stay a plan counts on: four times the stay the driver announced.</summary>
    public const double MaxStayShare = 4;

    /// <summary>The departure to plan for at <paramref name="now"/>.</summary>
    /// <param name="arrival">When the vehicle plugged in.</param>
    /// <param name="announced">The departure its driver announced (or the site's default).</param>
    /// <param name="now">The planning instant.</param>
    /// <param name="slot">The plan's slot length: a departure less than a slot ahead is no departure to plan for.</param>
    /// <param name="stayShare">The share of the announced stay to plan for, above 0 and at most <see cref="MaxStayShare"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stayShare"/> is outside (0, <see cref="MaxStayShare"/>].</exception>
    public static Instant PlannedDeparture(Instant arrival, Instant announced, Instant now, Duration slot, double stayShare)
    {
        if (stayShare is <= 0 or > MaxStayShare || double.IsNaN(stayShare))
        {
            throw new ArgumentOutOfRangeException(nameof(stayShare), stayShare, $"the planned share of the announced stay is above 0 and at most {MaxStayShare}");
        }

        var hedged = arrival + Duration.FromTicks((long)((announced - arrival).BclCompatibleTicks * stayShare));
        if (hedged >= now + slot)
        {
            return hedged;
        }

        return announced >= now + slot ? announced : now + OverstayExtension;
    }
}
