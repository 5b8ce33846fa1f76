namespace Scheduler.Functions.Planning;

/// <summary>A site's scenario as assembled from the tables, with what it was made from.</summary>
/// <param name="ScenarioJson">The scenario file (v1): exactly what <c>scheduler plan</c> reads.</param>
/// <param name="Inputs">Where each input came from, and what stood in for a missing one.</param>
public sealed record AssembledScenario(string ScenarioJson, PlanInputs Inputs);
