using Scheduler.Protocols.Planning;
using Scheduler.Protocols.Plans;

namespace Scheduler.Functions.Planning;

/// <summary>
/// The site's latest plan as the next one reads it: the power it allowed each session (to estimate what was drawn
/// since) and what it assumed of them (a battery it found full stays full, as the replay keeps it).
/// </summary>
/// <param name="Energy">The power the plan allowed each session.</param>
/// <param name="Inputs">What the plan was made from; null where there was no plan.</param>
public sealed record PreviousPlan(PlannedEnergy Energy, PlanInputs? Inputs)
{
    /// <summary>No plan before.</summary>
    public static PreviousPlan None { get; } = new(PlannedEnergy.None, null);

    /// <summary>Reads a stored plan and its plan file (v1).</summary>
    public static PreviousPlan Read(StoredPlan plan, string planJson)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new PreviousPlan(PlannedEnergy.Read(planJson), PlanInputs.FromJson(plan.InputsJson));
    }

    /// <summary>Whether the plan found the battery of <paramref name="sessionId"/> full.</summary>
    public bool FoundFull(string sessionId) =>
        Inputs?.Sessions.Any(s => s.SessionId == sessionId && s.Energy == FullBattery.EnergySource) == true;
}
