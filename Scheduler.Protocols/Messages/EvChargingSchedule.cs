using NodaTime;
using Scheduler.Protocols.Ocpp;

namespace Scheduler.Protocols.Messages;

/// <summary>
/// The schedule a vehicle proposed for the profile it was sent (the OCPP 2.0.1 <c>NotifyEVChargingScheduleRequest</c>
/// a charger forwards after ISO 15118 renegotiation): where it draws more than our profile allows, the profile is sent again.
/// </summary>
public sealed record EvChargingSchedule
{
    /// <summary>The most periods a schedule may hold: 1024.</summary>
    public const int MaxPeriods = 1024;

    /// <summary>Creates the schedule.</summary>
    /// <param name="evseId">The EVSE, 1 to <see cref="EvChargingNeeds.MaxEvseId"/>.</param>
    /// <param name="timeBase">The instant the periods count from where the schedule has no start of its own.</param>
    /// <param name="startSchedule">The schedule's own start, or null.</param>
    /// <param name="rateUnit">The unit of the limits.</param>
    /// <param name="periods">1 to <see cref="MaxPeriods"/> periods, their starts rising, the first at 0.</param>
    public EvChargingSchedule(int evseId, Instant timeBase, Instant? startSchedule, ChargingRateUnit rateUnit, IReadOnlyList<EvSchedulePeriod> periods)
    {
        ArgumentNullException.ThrowIfNull(periods);
        EvseId = (int)MessageCheck.InRange(evseId, 1, EvChargingNeeds.MaxEvseId, nameof(evseId));
        if (!Enum.IsDefined(rateUnit))
        {
            throw new ArgumentOutOfRangeException(nameof(rateUnit), rateUnit, "must be A or W");
        }

        if (periods.Count is 0 or > MaxPeriods || periods[0].StartPeriodS != 0
            || periods.Zip(periods.Skip(1)).Any(p => p.Second.StartPeriodS <= p.First.StartPeriodS))
        {
            throw new ArgumentException("must hold 1 to 1024 periods, the first at 0, their starts rising", nameof(periods));
        }

        TimeBase = timeBase;
        StartSchedule = startSchedule;
        RateUnit = rateUnit;
        Periods = [.. periods];
    }

    /// <summary>The EVSE.</summary>
    public int EvseId { get; }

    /// <summary>The instant the periods count from where <see cref="StartSchedule"/> is null.</summary>
    public Instant TimeBase { get; }

    /// <summary>The schedule's own start, or null.</summary>
    public Instant? StartSchedule { get; }

    /// <summary>The unit of the limits.</summary>
    public ChargingRateUnit RateUnit { get; }

    /// <summary>The periods, their starts rising.</summary>
    public IReadOnlyList<EvSchedulePeriod> Periods { get; }

    /// <summary>The periods as intervals of time with their limits in A per phase (W divided by <paramref name="voltageV"/> × phases).</summary>
    public IReadOnlyList<ProfileInterval> Intervals(double voltageV)
    {
        var start = StartSchedule ?? TimeBase;
        return [.. Periods.Select((p, i) => new ProfileInterval(
            start + Duration.FromSeconds(p.StartPeriodS),
            i + 1 < Periods.Count ? start + Duration.FromSeconds(Periods[i + 1].StartPeriodS) : null,
            RateUnit == ChargingRateUnit.A ? p.Limit : p.Limit / (voltageV * (p.NumberPhases ?? 3))))];
    }
}
