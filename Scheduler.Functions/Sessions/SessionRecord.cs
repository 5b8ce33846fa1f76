using NodaTime;
using Scheduler.Protocols.Messages;

namespace Scheduler.Functions.Sessions;

/// <summary>A charging session as the CSMS reported it.</summary>
public sealed record SessionRecord
{
    /// <summary>The session's id: <c>{chargerId}:{transactionId}</c> (transaction ids are unique per station only).</summary>
    public required string Id { get; init; }

    /// <summary>The charger.</summary>
    public required string ChargerId { get; init; }

    /// <summary>The CSMS's transaction id.</summary>
    public required string TransactionId { get; init; }

    /// <summary>The vehicle, where the CSMS knows it.</summary>
    public string? VehicleId { get; init; }

    /// <summary>When the vehicle plugged in (the first event seen, if the start was lost).</summary>
    public required Instant Arrival { get; init; }

    /// <summary>When the session ended; null while it runs.</summary>
    public Instant? StoppedAt { get; init; }

    /// <summary>The energy register at the start, in Wh; null when unknown.</summary>
    public double? MeterStartWh { get; init; }

    /// <summary>The newest energy register reading, in Wh; null when none came.</summary>
    public double? MeterLastWh { get; init; }

    /// <summary>When <see cref="MeterLastWh"/> was read.</summary>
    public Instant? MeterLastAt { get; init; }

    /// <summary>The power the vehicle drew at <see cref="MeterLastAt"/>, in W, where the CSMS reported it.</summary>
    public double? MeterLastPowerW { get; init; }

    /// <summary>The energy drawn by <see cref="EstimatedAt"/>, in kWh, as the planner estimated it from the meter and the plans.</summary>
    public double EstimatedKwh { get; init; }

    /// <summary>When <see cref="EstimatedKwh"/> was last brought up to date; null before the first plan.</summary>
    public Instant? EstimatedAt { get; init; }

    /// <summary>The vehicle's state of charge in %, as its maker's API last reported it; null where it is not read.</summary>
    public double? VehicleSocPercent { get; init; }

    /// <summary>The vehicle's newest charging needs (NotifyEVChargingNeeds) as written by <see cref="EvChargingNeedsWriter"/>; null when it sent none.</summary>
    public string? EvNeedsJson { get; init; }

    /// <summary>When the vehicle sent <see cref="EvNeedsJson"/>.</summary>
    public Instant? EvNeedsAt { get; init; }

    /// <summary>The energy drawn when the vehicle sent its needs, in kWh (the meter, or the planner's estimate); its energy counts from there.</summary>
    public double? EvNeedsDeliveredKwh { get; init; }

    /// <summary>The vehicle's newest proposed schedule (NotifyEVChargingSchedule) as written by <see cref="EvChargingScheduleWriter"/>; null when it sent none.</summary>
    public string? EvScheduleJson { get; init; }

    /// <summary>When the vehicle sent <see cref="EvScheduleJson"/>.</summary>
    public Instant? EvScheduleAt { get; init; }

    /// <summary>The row's version when it was read, for a write guarded against changes since; default when not read from the table.</summary>
    public Azure.ETag ETag { get; init; }

    /// <summary>Whether the session still runs.</summary>
    public bool IsActive => StoppedAt is null;

    /// <summary>The metered energy, in kWh, when start and a later reading are known.</summary>
    public double? MeteredKwh => MeterStartWh is { } start && MeterLastWh is { } last ? Math.Max(0, (last - start) / 1000) : null;

    /// <summary>The vehicle's newest charging needs, or null.</summary>
    public EvChargingNeeds? EvNeeds => EvNeedsJson is { } json ? EvChargingNeedsReader.ReadStored(json) : null;

    /// <summary>The vehicle's newest proposed schedule, or null.</summary>
    public EvChargingSchedule? EvSchedule => EvScheduleJson is { } json ? EvChargingScheduleReader.ReadStored(json) : null;

    /// <summary>The id of a session.</summary>
    public static string IdFor(string chargerId, string transactionId) => $"{chargerId}:{transactionId}";
}
