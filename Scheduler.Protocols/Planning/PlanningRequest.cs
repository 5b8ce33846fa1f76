using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Solving;

namespace Scheduler.Protocols.Planning;

/// <summary>What a snapshot makes: the problem, the solver's options, and what was assumed of each session.</summary>
/// <param name="Problem">The planning problem.</param>
/// <param name="Options">The solver options every plan is made with.</param>
/// <param name="Sessions">Per plugged-in session, in the snapshot's order: what the plan assumed of it.</param>
public sealed record PlanningRequest(PlanningProblem Problem, SolverOptions Options, IReadOnlyList<SessionDecision> Sessions);
