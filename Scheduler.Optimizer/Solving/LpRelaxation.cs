using Google.OrTools.LinearSolver;

namespace Scheduler.Optimizer.Solving;

/// <summary>
/// The continuous relaxation of the planning model: fractional amps and no minimum current. Its optimum is a
/// lower bound on every plan's objective, and its solution is the starting point of the integer repair.
/// Solved with GLOP, whose simplex answers sit on a vertex: most currents are already 0 or at a limit.
/// </summary>
internal static class LpRelaxation
{
    /// <summary>The outcome of one solve.</summary>
    /// <param name="Solved">Whether an optimum was found.</param>
    /// <param name="Currents">Per session, the fractional current in each of its covered slots.</param>
    /// <param name="LowerBound">The optimum less the most the tie-break could have added.</param>
    /// <param name="PeakKw">The peak of the relaxed plan (meaningful only with a demand charge).</param>
    /// <param name="Message">Why it was not solved.</param>
    public sealed record Result(bool Solved, double[][] Currents, double LowerBound, double PeakKw, string? Message);

    public static Result Solve(SlotModel model, ObjectiveTerms terms, TimeSpan? timeLimit)
    {
        using var solver = Solver.CreateSolver("GLOP")
            ?? throw new InvalidOperationException("The OR-Tools GLOP solver is not available.");
        if (timeLimit is { } limit)
        {
            solver.SetTimeLimit((long)Math.Max(1, limit.TotalMilliseconds));
        }

        var sessions = model.Sessions;
        var x = new Variable[sessions.Length][];
        var objective = solver.Objective();
        objective.SetMinimization();
        var totalRequested = 0.0;

        // Each session draws between 0 and its maximum in the slots it covers, and its energy plus its
        // shortfall (cut into ever dearer segments) equals what its driver asked for.
        for (var i = 0; i < sessions.Length; i++)
        {
            var s = sessions[i];
            x[i] = new Variable[s.Length];
            if (s.Length == 0)
            {
                continue;
            }

            totalRequested += s.TargetKwh;
            // Delivered energy plus shortfall is the request, so delivered never passes it.
            var energy = solver.MakeConstraint(s.TargetKwh, s.TargetKwh);
            for (var j = 0; j < s.Length; j++)
            {
                var v = solver.MakeNumVar(0, s.MaxA, string.Empty);
                x[i][j] = v;
                energy.SetCoefficient(v, s.KwhPerAmp[j]);
                var k = s.First + j;
                objective.SetCoefficient(v, (model.PricePerKwh[k] + terms.TieBreakPerKwh(k)) * s.KwhPerAmp[j]);
            }

            foreach (var (size, perKwh) in terms.Segments(model, s))
            {
                var shortfall = solver.MakeNumVar(0, size, string.Empty);
                energy.SetCoefficient(shortfall, 1);
                objective.SetCoefficient(shortfall, perKwh);
            }
        }

        AddCircuitLimits(solver, model, x);
        AddSiteLimits(solver, model, x);
        var peak = AddDemandCharge(solver, model, x, objective);

        // Presolve costs more than it saves on this model (measured: 1.6 s against 1.2 s at 1,000 sessions).
        solver.SetSolverSpecificParametersAsString("use_preprocessing:false");
        var status = solver.Solve();
        if (status is not (Solver.ResultStatus.OPTIMAL))
        {
            return new Result(false, [], double.NaN, double.NaN, $"the relaxation ended {status}");
        }

        var currents = new double[sessions.Length][];
        for (var i = 0; i < sessions.Length; i++)
        {
            currents[i] = new double[x[i].Length];
            for (var j = 0; j < x[i].Length; j++)
            {
                currents[i][j] = Math.Max(0, x[i][j].SolutionValue());
            }
        }

        var lowerBound = objective.Value() - (ObjectiveTerms.MaxTieBreakPerKwh * totalRequested);
        return new Result(true, currents, lowerBound, peak?.SolutionValue() ?? double.NaN, null);
    }

    private static void AddCircuitLimits(Solver solver, SlotModel model, Variable[][] x)
    {
        // Every circuit, on every phase, in every slot: the currents below it stay within its limit.
        // Rows that could not bind (every session below at its maximum still fits) are left out.
        var sessions = model.Sessions;
        foreach (var circuit in model.Circuits)
        {
            for (var p = 0; p < 3; p++)
            {
                var members = circuit.SessionsOnPhase[p];
                if (members.Length == 0)
                {
                    continue;
                }

                var demand = new double[model.SlotCount];
                foreach (var i in members)
                {
                    for (var j = 0; j < sessions[i].Length; j++)
                    {
                        demand[sessions[i].First + j] += sessions[i].MaxA;
                    }
                }

                var rows = new Constraint?[model.SlotCount];
                for (var k = 0; k < model.SlotCount; k++)
                {
                    if (demand[k] > circuit.LimitA + 1e-9)
                    {
                        rows[k] = solver.MakeConstraint(double.NegativeInfinity, circuit.LimitA);
                    }
                }

                foreach (var i in members)
                {
                    for (var j = 0; j < sessions[i].Length; j++)
                    {
                        rows[sessions[i].First + j]?.SetCoefficient(x[i][j], 1);
                    }
                }
            }
        }
    }

    private static void AddSiteLimits(Solver solver, SlotModel model, Variable[][] x)
    {
        // The site's import (charging plus the highest base load in the slot) stays within its limit,
        // which grid signals tighten.
        var sessions = model.Sessions;
        var demand = new double[model.SlotCount];
        foreach (var s in sessions)
        {
            for (var j = 0; j < s.Length; j++)
            {
                demand[s.First + j] += s.KwPerAmp * s.MaxA;
            }
        }

        var rows = new Constraint?[model.SlotCount];
        for (var k = 0; k < model.SlotCount; k++)
        {
            if (demand[k] > model.HeadroomKw[k] + 1e-9)
            {
                rows[k] = solver.MakeConstraint(double.NegativeInfinity, model.HeadroomKw[k]);
            }
        }

        foreach (var s in sessions)
        {
            for (var j = 0; j < s.Length; j++)
            {
                rows[s.First + j]?.SetCoefficient(x[s.Index][j], s.KwPerAmp);
            }
        }
    }

    private static Variable? AddDemandCharge(Solver solver, SlotModel model, Variable[][] x, Objective objective)
    {
        // The peak is at least every slot's average import; the demand charge prices the peak.
        if (model.DemandChargePerKw <= 0)
        {
            return null;
        }

        var peak = solver.MakeNumVar(Math.Max(0, model.BaseAverageKw.DefaultIfEmpty(0).Max()), double.PositiveInfinity, "peak");
        objective.SetCoefficient(peak, model.DemandChargePerKw);
        var rows = new Constraint[model.SlotCount];
        for (var k = 0; k < model.SlotCount; k++)
        {
            // peak − Σ kW ≥ base load
            rows[k] = solver.MakeConstraint(model.BaseAverageKw[k], double.PositiveInfinity);
            rows[k].SetCoefficient(peak, 1);
        }

        foreach (var s in model.Sessions)
        {
            for (var j = 0; j < s.Length; j++)
            {
                rows[s.First + j].SetCoefficient(x[s.Index][j], -s.KwPerAmp * s.Coverage[j]);
            }
        }

        return peak;
    }
}
