using Scheduler.Optimizer.Model;

namespace Scheduler.Tests.Support;

/// <summary>
/// A sufficient condition for invariant 4 ("where the requested energy is deliverable within all limits, it is
/// delivered"), and the energy it guarantees.
/// </summary>
/// <remarks>
/// A session is <em>unconstrained</em> when, in every slot it is present, every limit it counts against (the
/// circuits above its charger on the phases it loads, the site's import) would hold even with every session
/// present in that slot at its maximum current. Then no schedule of the others can stop it, and since the shortfall
/// penalty outweighs any price, an optimal plan gives it the most energy that whole amps in
/// {0} ∪ [minA, maxA] over its fully covered slots can reach without exceeding its request. Partly covered slots
/// can only add to that, so they are left out of the guarantee. One amp-slot (V × 1 A × φ × slot hours / 1000) is
/// allowed for rounding, as DESIGN.md's invariant 4 is read here (a tenth more under a demand charge, see
/// <see cref="RoundingAllowanceKwh"/>). Where the best amount is more than the allowance short of the request, the
/// guarantee is that best amount; where it comes within the allowance of the request, the session counts as served
/// within rounding, and the guarantee is the best amount less the allowance: with a minimum current the reachable
/// amounts have gaps, and reaching the best one can mean moving the whole session into dearer slots, which the finite
/// shortfall penalty may rightly refuse for a sliver of an amp-slot (the exact dominance check allows the same).
/// (6–10 A over two slots reach 6–10 or 12–20 amp-slots, never 11, so a request of 11.5 amp-slots guarantees 10.)
/// </remarks>
public static class DeliverableEnergy
{
    /// <summary>
    /// The energy an optimal plan must deliver to session <paramref name="session"/>, in kWh, or null when the
    /// session is not unconstrained (then nothing is guaranteed here).
    /// </summary>
    public static double? GuaranteedKwh(ProblemFacts facts, int session)
    {
        if (!IsUnconstrained(facts, session))
        {
            return null;
        }

        var requested = facts.Problem.Sessions[session].EnergyKwh;
        var best = BestReachableKwh(facts, session);
        var allowance = RoundingAllowanceKwh(facts, session);
        return Math.Max(0, best < requested - allowance ? best : best - allowance);
    }

    /// <summary>
    /// How far short of its request a plan may leave a session for whole amps' sake, in kWh: one amp-slot, and a
    /// tenth more under a demand charge. The shortfall penalty is finite, so a plan may rather stay a sliver beyond
    /// one amp-slot short than add a whole amp that raises the billed peak; the penalty's demand part (ten times the
    /// charge per kWh of one slot) makes that pay only for slivers under a tenth of an amp-slot.
    /// </summary>
    public static double RoundingAllowanceKwh(ProblemFacts facts, int session) =>
        facts.FullSlotKwhPerAmp(session) * (facts.Problem.Tariff.DemandCharges.Any(d => d.PerKw > 0) ? 1.1 : 1);

    /// <summary>Whether every limit the session counts against holds in every slot it is present, with every session at its maximum.</summary>
    public static bool IsUnconstrained(ProblemFacts facts, int session)
    {
        var chain = facts.CircuitsAbove(facts.ChargerOf(session));
        for (var k = 0; k < facts.SlotCount; k++)
        {
            if (!facts.IsPresent(session, k))
            {
                continue;
            }

            if (facts.BaseLoadKw(k) + ChargingAtMaxKw(facts, k) > facts.LimitKw(k) + PlanChecker.Tolerance)
            {
                return false;
            }

            foreach (var circuit in chain)
            {
                foreach (var phase in facts.LoadedPhases(session))
                {
                    if (CurrentAtMaxA(facts, circuit, phase, k) > circuit.MaxCurrentA + PlanChecker.Tolerance)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The most energy, up to the request, that whole amps in {0} ∪ [minA, maxA] reach over the session's fully
    /// covered slots, in kWh.
    /// </summary>
    public static double BestReachableKwh(ProblemFacts facts, int session)
    {
        var perAmpSlot = facts.FullSlotKwhPerAmp(session);
        var fullSlots = Enumerable.Range(0, facts.SlotCount).Count(k => facts.Coverage(session, k) >= 1);
        var minA = (long)Math.Ceiling(facts.MinA(session) - 1e-9);
        var maxA = (long)Math.Floor(facts.MaxA(session) + 1e-9);
        minA = Math.Max(minA, 1);
        if (maxA < minA)
        {
            // No current is allowed at all: the vehicle's maximum is below the minimum.
            return 0;
        }

        var target = (long)Math.Floor((facts.Problem.Sessions[session].EnergyKwh / perAmpSlot) + 1e-9);
        var best = 0L;

        // With j slots on, the amp-slots reachable are exactly j·minA … j·maxA.
        for (var j = 1; j <= fullSlots && j * minA <= target; j++)
        {
            best = Math.Max(best, Math.Min(target, j * maxA));
        }

        return best * perAmpSlot;
    }

    private static double ChargingAtMaxKw(ProblemFacts facts, int slot) =>
        Enumerable.Range(0, facts.Problem.Sessions.Count)
            .Where(i => facts.IsPresent(i, slot))
            .Sum(i => facts.PowerKw(i, facts.MaxA(i)));

    private static double CurrentAtMaxA(ProblemFacts facts, Circuit circuit, Phase phase, int slot) =>
        Enumerable.Range(0, facts.Problem.Sessions.Count)
            .Where(i => facts.IsPresent(i, slot)
                && facts.LoadedPhases(i).Contains(phase)
                && facts.CircuitsAbove(facts.ChargerOf(i)).Any(c => c.Id == circuit.Id))
            .Sum(facts.MaxA);
}
