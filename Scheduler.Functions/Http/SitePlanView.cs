using NodaTime;

namespace Scheduler.Functions.Http;

/// <summary>A site's latest plan as drivers and operators see it.</summary>
/// <param name="PlanId">The plan.</param>
/// <param name="PlannedAt">When it read its inputs.</param>
/// <param name="Status">Optimal, Feasible or Fallback.</param>
/// <param name="FallbackReason">Why the planner fell back, where it did.</param>
/// <param name="Currency">The currency of the amounts.</param>
/// <param name="Cost">What the plan's window costs as planned.</param>
/// <param name="BaselineCost">What it would cost charging uncontrolled (full power on arrival).</param>
/// <param name="PeakSoFarKw">The highest peak recorded this billing period, in kW, where a demand charge has one.</param>
/// <param name="GridLimitKw">The site's connection limit, in kW.</param>
/// <param name="PriceFallback">How the prices were degraded (none, last-known, tou, stale, provisional, flat).</param>
/// <param name="Load">The site's import per slot against its limit, with the price.</param>
/// <param name="Sessions">Every session of the plan.</param>
/// <param name="Held">Chargers held at their fail-safe limit, with why.</param>
/// <param name="Warnings">Anything else the plan's inputs noted.</param>
public sealed record SitePlanView(
    string PlanId,
    Instant PlannedAt,
    string Status,
    string? FallbackReason,
    string Currency,
    double Cost,
    double BaselineCost,
    double? PeakSoFarKw,
    double GridLimitKw,
    string PriceFallback,
    IReadOnlyList<LoadSlot> Load,
    IReadOnlyList<SessionView> Sessions,
    IReadOnlyList<Planning.HeldCharger> Held,
    IReadOnlyList<string> Warnings);

/// <summary>One slot of the site's load.</summary>
/// <param name="Start">Its start.</param>
/// <param name="End">Its end.</param>
/// <param name="Kw">The planned import, in kW.</param>
/// <param name="LimitKw">The import limit in force (the connection, or lower under a demand-response event), in kW.</param>
/// <param name="PerKwh">The energy price.</param>
public sealed record LoadSlot(Instant Start, Instant End, double Kw, double LimitKw, double PerKwh);

/// <summary>One planned current.</summary>
/// <param name="Start">Its start.</param>
/// <param name="End">Its end.</param>
/// <param name="CurrentA">The current per phase, in A.</param>
/// <param name="PowerKw">The power, in kW.</param>
public sealed record PlannedPeriod(Instant Start, Instant End, double CurrentA, double PowerKw);

/// <summary>Why a session gets less than asked, or what else a driver should know: a code and a sentence.</summary>
/// <param name="Code">A stable code, e.g. <c>grid.dr-event</c>.</param>
/// <param name="Message">The reason in words, with the numbers that matter.</param>
public sealed record PlanReason(string Code, string Message);

/// <summary>What the plan gives one session.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="ChargerId">Its charger.</param>
/// <param name="VehicleId">Its vehicle, where known.</param>
/// <param name="Departure">The departure it is planned to (before the site's margin).</param>
/// <param name="DepartureSource">Where that came from (driver, recurring, boost, default, …).</param>
/// <param name="EnergySource">Where the energy need came from.</param>
/// <param name="DeliveredKwh">The energy taken so far, in kWh.</param>
/// <param name="RequestedKwh">The energy wanted by departure in all, in kWh.</param>
/// <param name="EnergyByDepartureKwh">The energy it will hold by departure as planned, in kWh.</param>
/// <param name="ShortfallKwh">What is missing at departure, in kWh.</param>
/// <param name="ExpectedFinish">When the plan's charging ends; null when it plans none.</param>
/// <param name="Periods">The planned current per period.</param>
/// <param name="Reasons">Why it is short, when it is.</param>
/// <param name="Notes">What else bears on the plan (degraded inputs, a default departure).</param>
public sealed record SessionView(
    string SessionId,
    string ChargerId,
    string? VehicleId,
    Instant Departure,
    string DepartureSource,
    string EnergySource,
    double DeliveredKwh,
    double RequestedKwh,
    double EnergyByDepartureKwh,
    double ShortfallKwh,
    Instant? ExpectedFinish,
    IReadOnlyList<PlannedPeriod> Periods,
    IReadOnlyList<PlanReason> Reasons,
    IReadOnlyList<PlanReason> Notes)
{
    /// <summary>Whether it gets less than asked: by more than 50 Wh and more than 1 % (whole amps leave a little short).</summary>
    public bool IsShort => ShortfallKwh > Math.Max(0.05, 0.01 * RequestedKwh);
}
