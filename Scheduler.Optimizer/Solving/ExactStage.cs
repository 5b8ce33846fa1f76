using Google.OrTools.LinearSolver;

namespace Scheduler.Optimizer.Solving;

/// <summary>
/// The exact planning model as a MIP (SCIP through OR-Tools): whole amps, and a switch per session and slot that
/// makes a current either 0 or between the minimum and the maximum. Warm-started with the heuristic's schedule,
/// and limited in nodes as well as time so that the same input gives the same answer.
/// </summary>
internal static class ExactStage
{
    /// <summary>The branch-and-bound nodes SCIP may explore; a deterministic limit, unlike wall time.</summary>
    private const int NodeLimit = 1_000;

    /// <summary>The outcome: a schedule (or null if none was found) and whether it is proven optimal.</summary>
    public sealed record Result(Schedule? Schedule, bool ProvenOptimal, string Status);

    public static Result Solve(SlotModel model, ObjectiveTerms terms, Schedule hint, TimeSpan timeLimit)
    {
        using var solver = Solver.CreateSolver("SCIP");
        if (solver is null)
        {
            return new Result(null, false, "SCIP is not available");
        }

        solver.SetTimeLimit((long)Math.Max(1, timeLimit.TotalMilliseconds));
        solver.SetNumThreads(1);
        solver.SetSolverSpecificParametersAsString($"limits/nodes = {NodeLimit}\nrandomization/randomseedshift = 0\n");

        var sessions = model.Sessions;
        var y = new Variable[sessions.Length][];
        var hintVariables = new List<Variable>();
        var hintValues = new List<double>();
        var objective = solver.Objective();
        objective.SetMinimization();

        for (var i = 0; i < sessions.Length; i++)
        {
            var s = sessions[i];
            y[i] = new Variable[s.Length];
            if (s.Length == 0)
            {
                continue;
            }

            // A session's current is 0, or between its minimum and maximum, in whole amps.
            // Delivered energy plus shortfall is the request, so delivered never passes it.
            var energy = solver.MakeConstraint(s.TargetKwh, s.TargetKwh);
            for (var j = 0; j < s.Length; j++)
            {
                var current = solver.MakeIntVar(0, s.MaxA, string.Empty);
                var on = solver.MakeBoolVar(string.Empty);
                y[i][j] = current;
                var lower = solver.MakeConstraint(0, double.PositiveInfinity);
                lower.SetCoefficient(current, 1);
                lower.SetCoefficient(on, -s.MinA);
                var upper = solver.MakeConstraint(double.NegativeInfinity, 0);
                upper.SetCoefficient(current, 1);
                upper.SetCoefficient(on, -s.MaxA);
                energy.SetCoefficient(current, s.KwhPerAmp[j]);
                var k = s.First + j;
                objective.SetCoefficient(current, (model.PricePerKwh[k] + terms.TieBreakPerKwh(k)) * s.KwhPerAmp[j]);
                hintVariables.Add(current);
                hintValues.Add(hint.Currents[i][j]);
                hintVariables.Add(on);
                hintValues.Add(hint.Currents[i][j] > 0 ? 1 : 0);
            }

            // What it does not get is shortfall, in ever dearer segments.
            var shortKwh = Math.Max(0, s.TargetKwh - hint.EnergyKwh(i));
            foreach (var (size, perKwh) in terms.Segments(model, s))
            {
                var shortfall = solver.MakeNumVar(0, size, string.Empty);
                energy.SetCoefficient(shortfall, 1);
                objective.SetCoefficient(shortfall, perKwh);
                hintVariables.Add(shortfall);
                hintValues.Add(Math.Clamp(shortKwh, 0, size));
                shortKwh -= size;
            }
        }

        // Every circuit on every phase, and the site, in every slot.
        var present = IntegerRepair.SessionsBySlot(model);
        for (var k = 0; k < model.SlotCount; k++)
        {
            for (var c = 0; c < model.Circuits.Length; c++)
            {
                for (var p = 0; p < 3; p++)
                {
                    var below = present[k].Where(pair => (sessions[pair.Session].PhaseMask & (1 << p)) != 0 && sessions[pair.Session].CircuitChain.Contains(c)).ToList();
                    if (below.Count == 0)
                    {
                        continue;
                    }

                    var row = solver.MakeConstraint(double.NegativeInfinity, model.Circuits[c].LimitA);
                    foreach (var (i, j) in below)
                    {
                        row.SetCoefficient(y[i][j], 1);
                    }
                }
            }

            var site = solver.MakeConstraint(double.NegativeInfinity, model.HeadroomKw[k]);
            foreach (var (i, j) in present[k])
            {
                site.SetCoefficient(y[i][j], sessions[i].KwPerAmp);
            }
        }

        // Each demand charge bills the excess of every covered slot's average import over its recorded peak.
        foreach (var term in model.DemandTerms)
        {
            var excess = solver.MakeNumVar(0, double.PositiveInfinity, string.Empty);
            objective.SetCoefficient(excess, term.PerKw);
            foreach (var k in term.Slots)
            {
                var row = solver.MakeConstraint(model.BaseAverageKw[k] - term.PeakSoFarKw, double.PositiveInfinity);
                row.SetCoefficient(excess, 1);
                foreach (var (i, j) in present[k])
                {
                    row.SetCoefficient(y[i][j], -sessions[i].KwPerAmp * sessions[i].Coverage[j]);
                }
            }

            hintVariables.Add(excess);
            hintValues.Add(Math.Max(0, term.Slots.Max(hint.AverageImportKw) - term.PeakSoFarKw));
        }

        solver.SetHint([.. hintVariables], [.. hintValues]);
        var parameters = new MPSolverParameters();
        parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 1e-7);
        var status = solver.Solve(parameters);
        if (status is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE))
        {
            return new Result(null, false, status.ToString());
        }

        var schedule = new Schedule(model);
        for (var i = 0; i < sessions.Length; i++)
        {
            for (var j = 0; j < sessions[i].Length; j++)
            {
                var amps = (int)Math.Round(y[i][j].SolutionValue());
                schedule.Set(i, j, amps >= sessions[i].MinA ? Math.Min(amps, sessions[i].MaxA) : 0);
            }
        }

        return new Result(schedule, status == Solver.ResultStatus.OPTIMAL, status.ToString());
    }
}
