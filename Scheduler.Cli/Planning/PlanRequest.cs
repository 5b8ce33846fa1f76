using Scheduler.Protocols.Ocpp;

namespace Scheduler.Cli.Planning;

/// <summary>What the user asked of <c>plan</c> or <c>demo</c> besides the scenario.</summary>
/// <param name="OutPath">Where to write the plan file; <see cref="Stdout"/> for stdout; null to write none.</param>
/// <param name="TimeLimit">The solver's wall-time limit; null for none.</param>
/// <param name="Ocpp">The OCPP version of the charging profiles in the plan file (2.0.1 by default).</param>
internal sealed record PlanRequest(string? OutPath, TimeSpan? TimeLimit, OcppVersion Ocpp = OcppVersion.V201)
{
    /// <summary>The <c>--out</c> value that sends the plan file to stdout.</summary>
    public const string Stdout = "-";
}
