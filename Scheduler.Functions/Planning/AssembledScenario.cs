using Scheduler.Functions.Departures;
using Scheduler.Functions.Sessions;

namespace Scheduler.Functions.Planning;

/// <summary>A site's scenario as assembled from the tables, with what it was made from.</summary>
/// <param name="ScenarioJson">The scenario file (v1): exactly what <c>scheduler plan</c> reads.</param>
/// <param name="Inputs">Where each input came from, and what stood in for a missing one.</param>
/// <param name="Sessions">The running sessions as read (with their row versions), for the planner's writes after the plan.</param>
/// <param name="Departures">The site's driver settings as read, for the planner's clean-up after the plan.</param>
/// <param name="Stopped">
/// The sessions of the latest plan that have stopped since, with their energy at the stop in kWh: what they drew after
/// that plan counts into the site's import.
/// </param>
public sealed record AssembledScenario(
    string ScenarioJson,
    PlanInputs Inputs,
    IReadOnlyList<SessionRecord> Sessions,
    DepartureStore.SiteDepartures Departures,
    IReadOnlyList<(SessionRecord Session, double DeliveredKwh)> Stopped);
