namespace Scheduler.Protocols.Messages;

/// <summary>One period of the schedule a vehicle proposed (OCPP 2.0.1 <c>ChargingSchedulePeriodType</c>).</summary>
public sealed record EvSchedulePeriod
{
    /// <summary>The largest limit a period may state: 10,000,000 (W or A).</summary>
    public const double MaxLimit = 10_000_000;

    /// <summary>The latest start a period may state: 7 days, in seconds.</summary>
    public const int MaxStartPeriodS = 7 * 24 * 3600;

    /// <summary>Creates a period.</summary>
    /// <param name="startPeriodS">Its start, in seconds from the schedule's start, 0 to <see cref="MaxStartPeriodS"/>.</param>
    /// <param name="limit">The most the vehicle plans to draw, in the schedule's unit (A per phase or W), 0 to <see cref="MaxLimit"/>.</param>
    /// <param name="numberPhases">The phases, 1 to 3, or null for 3.</param>
    public EvSchedulePeriod(int startPeriodS, double limit, int? numberPhases = null)
    {
        StartPeriodS = (int)MessageCheck.InRange(startPeriodS, 0, MaxStartPeriodS, nameof(startPeriodS));
        Limit = MessageCheck.InRange(limit, 0, MaxLimit, nameof(limit));
        NumberPhases = numberPhases is { } phases ? (int)MessageCheck.InRange(phases, 1, 3, nameof(numberPhases)) : null;
    }

    /// <summary>Its start, in seconds from the schedule's start.</summary>
    public int StartPeriodS { get; }

    /// <summary>The most the vehicle plans to draw, in the schedule's unit.</summary>
    public double Limit { get; }

    /// <summary>The phases, or null where the vehicle did not say (3).</summary>
    public int? NumberPhases { get; }
}
