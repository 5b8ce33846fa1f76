using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scheduler.Functions.Planning;

/// <summary>
/// What a plan was made from, and where an input was missing and replaced on purpose: stored with the plan so that an
/// operator can see why it looks as it does.
/// </summary>
public sealed record PlanInputs
{
    /// <summary>The plan request that asked for the plan.</summary>
    public required string RequestId { get; init; }

    /// <summary>Why it was asked for (timer, departure, session-event, grid-signal, tariff, dispatch-rejected).</summary>
    public required string Reason { get; init; }

    /// <summary>Where each stretch of the window got its prices.</summary>
    public required IReadOnlyList<PriceSource> Prices { get; init; }

    /// <summary>
    /// How the prices were degraded: none (a fresh feed, or the site runs on TOU), last-known (a feed that failed
    /// within 24 h), tou (the feed failed longer ago or has no prices yet for part of the window), stale (no TOU to fall
    /// back on), provisional (the window was cut where prices end) or flat (no prices at all: charge as soon as possible).
    /// </summary>
    public required string PriceFallback { get; init; }

    /// <summary>Per session: where its departure, energy and energy-so-far came from.</summary>
    public required IReadOnlyList<SessionInput> Sessions { get; init; }

    /// <summary>Chargers left out of planning and held at their fail-safe limit, with why.</summary>
    public required IReadOnlyList<HeldCharger> HeldChargers { get; init; }

    /// <summary>The OpenADR events considered.</summary>
    public required int GridEvents { get; init; }

    /// <summary>Anything else worth knowing (an event that could not be read, a session on an unknown charger).</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>Each demand charge planned, with the peak already recorded for it in its billing period, in kW.</summary>
    public IReadOnlyDictionary<string, double> PeaksSoFarKw { get; init; } = new Dictionary<string, double>();

    /// <summary>What the chargers drew in the plan's first slot before it was made, in kWh: it counts toward that slot's demand.</summary>
    public double DrawnThisSlotKwh { get; init; }

    /// <summary>The record as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads the record back.</summary>
    public static PlanInputs FromJson(string json) => JsonSerializer.Deserialize<PlanInputs>(json, JsonOptions)
        ?? throw new JsonException("plan inputs are null");

    private static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>Where one stretch of the planning window got its prices.</summary>
/// <param name="Source">feed:&lt;format&gt;, tou, or flat.</param>
/// <param name="From">The stretch's start (ISO 8601).</param>
/// <param name="To">The stretch's end (ISO 8601).</param>
/// <param name="FetchedAt">When the feed's prices were fetched; null for TOU and flat.</param>
public sealed record PriceSource(string Source, string From, string To, string? FetchedAt);

/// <summary>Where a session's numbers came from.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="Departure">
/// driver, recurring (the vehicle's week), boost (full power now), vehicle (its ISO 15118 charging needs), default, their "-learned" forms (the driver's habits, or the site's
/// for a new driver, planned an earlier finish), their "-hedged" forms (the site's departure margin did, where nothing
/// is learned yet), or overstay (the
/// driver's time has passed while the car is still plugged in).
/// </param>
/// <param name="Energy">driver, recurring, boost, vehicle (what it said it needs, where below the driver's wish or without one), default, or full (the vehicle stopped drawing while allowed: nothing more is planned for it).</param>
/// <param name="Delivered">meter (read from meter values), assumed (no recent meter value: what the plans allowed), or none.</param>
/// <param name="DeliveredKwh">The energy taken as already delivered, in kWh.</param>
public sealed record SessionInput(string SessionId, string Departure, string Energy, string Delivered, double DeliveredKwh)
{
    /// <summary>The vehicle, where known: its ended session is learned from under this id.</summary>
    public string? VehicleId { get; init; }

    /// <summary>The departure the driver announced, or the site's default where they announced none (ISO 8601).</summary>
    public string? AnnouncedDeparture { get; init; }

    /// <summary>The energy the driver asked for, in kWh, or null for the site's default.</summary>
    public double? AnnouncedEnergyKwh { get; init; }

    /// <summary>The departure the plan worked to (ISO 8601).</summary>
    public string? PlannedDeparture { get; init; }

    /// <summary>Where its current limits came from: charger, or vehicle where its charging needs tightened them. Null in plans made before.</summary>
    public string? Limits { get; init; }

    /// <summary>Which announcement was used and why (the driver's or the vehicle's departure, the vehicle's energy and limits), or null.</summary>
    public string? Note { get; init; }
}

/// <summary>A charger held at its fail-safe limit.</summary>
/// <param name="ChargerId">The charger.</param>
/// <param name="FailSafeCurrentA">The current reserved for it on every phase it uses, in A.</param>
/// <param name="Reason">Why it is held.</param>
public sealed record HeldCharger(string ChargerId, double FailSafeCurrentA, string Reason);
