using Scheduler.Optimizer.Solving.Assembly;
using Scheduler.Optimizer.Solving.Grid;
using Scheduler.Optimizer.Solving.Pricing;
using Scheduler.Optimizer.Solving.Relaxation;

namespace Scheduler.Optimizer.Solving.Repair;

/// <summary>The stages that turn the relaxation, or nothing, into whole amps within every limit.</summary>
internal static class RepairPipeline
{
    /// <summary>
    /// Rounds the relaxation down, gives the lost energy back under the peaks the relaxation needed, raises a
    /// peak a little for everyone where what cannot fit under it is worth it, then lets any session still short raise
    /// one where that costs least (kept where that paid in sum), then lets a session still short take room from its
    /// neighbours (their amps moved, or an amp of each given up within their rounding), then moves energy to cheaper
    /// slots and fills once more what the moves made room for.
    /// </summary>
    public static Schedule FromRelaxation(SlotModel model, ObjectiveTerms terms, RelaxedPlan relaxed, Deadline deadline)
    {
        var schedule = RoundDown.Apply(model, relaxed.Currents);
        var peaks = PeakThresholds.AtLeast(schedule, relaxed.DemandPeakKw);
        AmpRounding.Apply(schedule, terms, Enumerable.Range(0, model.Sessions.Length).ToArray(), peaks);
        LimitGuard.Enforce(schedule);
        EnergyFill.Apply(schedule, terms, EnergyFill.ByMissingShare(schedule), peaks, PeakPolicy.Hold, deadline);
        if (model.HasDemandCharges)
        {
            PeakRaise.Apply(schedule, terms, peaks, deadline);
            FillRaisingPeaks(schedule, terms, peaks, deadline);
        }

        SiteRoomSwap.Apply(schedule, terms, peaks, deadline);
        ShortfallShare.Apply(schedule, terms, peaks, deadline);
        Polish(schedule, terms, deadline);
        if (model.HasDemandCharges)
        {
            PeakLower.Apply(schedule, terms, deadline);
        }

        return schedule;
    }

    /// <summary>
    /// The safe schedule when there is no relaxation: the sessions with the least choice of slots first (a stay that
    /// at full current only just delivers the request must use all of it; the flexible ones fill around them), then
    /// earliest departure, each in the slots where its energy costs least, first under the peak that spreading every
    /// request evenly over the window would need, then, for what did not fit, past it. It runs even past the deadline,
    /// since a plan must come out; it is two greedy passes.
    /// </summary>
    public static Schedule Fallback(SlotModel model, ObjectiveTerms terms, Deadline deadline)
    {
        var schedule = new Schedule(model);
        var order = Enumerable.Range(0, model.Sessions.Length)
            .OrderBy(i => Flexibility(model.Sessions[i]))
            .ThenBy(i => model.Sessions[i].First + model.Sessions[i].Length)
            .ThenBy(i => i)
            .ToArray();
        var peaks = PeakThresholds.AtLeast(schedule, EvenPeaks(model));
        EnergyFill.Apply(schedule, terms, order, peaks, PeakPolicy.Hold, Deadline.Start(null));
        EnergyFill.Apply(schedule, terms, order, peaks, PeakPolicy.RaiseFreely, Deadline.Start(null));
        Polish(schedule, terms, deadline);
        return schedule;
    }

    /// <summary>How many times over the session's stay at full current could deliver its request: 1 leaves no choice of slots.</summary>
    private static double Flexibility(SessionSlots s) =>
        s.TargetKwh <= 0 ? double.PositiveInfinity : s.KwhPerAmp.Sum() * s.MaxA / s.TargetKwh;

    /// <summary>Per demand term, the highest base load it covers plus every request spread evenly over the window.</summary>
    private static double[] EvenPeaks(SlotModel model)
    {
        var evenKw = model.Sessions.Sum(s => s.TargetKwh) / Math.Max(model.SlotHours, model.SlotCount * model.SlotHours);
        return model.DemandTerms.Select(t => t.Slots.Max(k => model.BaseAverageKw[k]) + evenKw).ToArray();
    }

    /// <summary>
    /// Tops up, in whole amps, the sessions that another stage (the exact MIP, which stops within a relative gap that
    /// large unavoidable shortfalls can make wide) left short by more than the penalty's worth: first under the
    /// schedule's own peaks, then raising one a little where the session pays for it.
    /// </summary>
    public static void TopUp(Schedule schedule, ObjectiveTerms terms, Deadline deadline)
    {
        var peaks = PeakThresholds.Current(schedule);
        EnergyFill.Apply(schedule, terms, EnergyFill.ByMissingShare(schedule), peaks, PeakPolicy.Hold, deadline);
        if (schedule.Model.HasDemandCharges)
        {
            FillRaisingPeaks(schedule, terms, peaks, deadline);
        }
    }

    /// <summary>
    /// Fills the sessions still short, each raising a peak where its step pays for the rise; kept only where the
    /// objective fell. Every step pays against the thresholds as it finds them, yet together the steps can cost
    /// more than they save: on the benchmark sites keeping them only where they won took 0.01-0.2 points off the gap.
    /// </summary>
    private static void FillRaisingPeaks(Schedule schedule, ObjectiveTerms terms, PeakThresholds peaks, Deadline deadline)
    {
        var before = PlanAssembler.Objective(schedule, terms);
        var thresholds = peaks.Kw.ToArray();
        schedule.BeginTrial();
        EnergyFill.Apply(schedule, terms, EnergyFill.ByMissingShare(schedule), peaks, PeakPolicy.RaiseInSmallSteps, deadline);
        if (PlanAssembler.Objective(schedule, terms) < before - Tolerance.Money)
        {
            schedule.Keep();
            return;
        }

        schedule.RollBack();
        peaks.Reset(thresholds);
    }

    /// <summary>Cheaper slots at the peaks the schedule has, then the room that made filled.</summary>
    private static void Polish(Schedule schedule, ObjectiveTerms terms, Deadline deadline)
    {
        CheaperSlots.Apply(schedule, PeakThresholds.Current(schedule), deadline);
        EnergyFill.Apply(schedule, terms, EnergyFill.ByMissingShare(schedule), PeakThresholds.Current(schedule), PeakPolicy.Hold, deadline);
    }
}
