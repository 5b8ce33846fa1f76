using System.Text.Json;

namespace Scheduler.Cli.Bench;

/// <summary>One benchmark measurement: what the child process prints as one JSON line, and the parent reads.</summary>
/// <param name="Profile">The synthetic site's profile: loose, binding, demand or both.</param>
/// <param name="Sessions">The number of sessions (and chargers) of the synthetic site.</param>
/// <param name="Slots">The number of slots planned.</param>
/// <param name="Seed">The random seed of the site.</param>
/// <param name="Status">The plan's status: Optimal, Feasible or Fallback.</param>
/// <param name="WallSeconds">The wall time of the solve alone, in seconds (site generation and warm-up excluded).</param>
/// <param name="JointLpSeconds">The wall time of one joint LP solve of the same site's relaxation, the reference; null when it failed.</param>
/// <param name="PeakMemoryMiB">The child process's peak working set after the solve, in MiB (2^20 bytes).</param>
/// <param name="Currency">The currency of the amounts.</param>
/// <param name="Cost">The plan's cost.</param>
/// <param name="Objective">The plan's objective: cost plus the shortfall penalty.</param>
/// <param name="LowerBound">The plan's lower bound, in the terms of the objective; null when not solved.</param>
/// <param name="GapPct">(objective − lower bound) / |lower bound| in percent; null without a bound.</param>
/// <param name="BaselineCost">The cost of uncontrolled charging.</param>
/// <param name="ShortfallKwh">The energy asked for and not delivered, in kWh.</param>
/// <param name="ShortSessions">The sessions short by more than one amp-slot beyond what the joint LP leaves them short.</param>
internal sealed record BenchResult(
    string Profile,
    int Sessions,
    int Slots,
    int Seed,
    string Status,
    double WallSeconds,
    double? JointLpSeconds,
    double PeakMemoryMiB,
    string Currency,
    double Cost,
    double Objective,
    double? LowerBound,
    double? GapPct,
    double BaselineCost,
    double ShortfallKwh,
    int ShortSessions)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>The result as one line of JSON.</summary>
    public string ToJsonLine() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a line written by <see cref="ToJsonLine"/>; null when it is not one.</summary>
    /// <param name="line">One line of the child's output.</param>
    public static BenchResult? TryParse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<BenchResult>(line, JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
