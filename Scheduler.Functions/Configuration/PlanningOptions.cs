using System.ComponentModel.DataAnnotations;

namespace Scheduler.Functions.Configuration;

/// <summary>How sites are planned (configuration section <c>Planning</c>).</summary>
public sealed class PlanningOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Planning";

    /// <summary>
    /// The solver's wall-time limit per site. It must leave room within the function timeout (10 minutes) for
    /// reading the tables and writing the plan; past it, the plan is the safe fallback. The default is 2 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:08:00", ErrorMessage = "Planning:SolverTimeLimit must lie between 1 second and 8 minutes, within the 10-minute function timeout")]
    public TimeSpan SolverTimeLimit { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a re-plan asked for by an ingest waits before it runs, so that a burst of changes to one site
    /// (a fleet plugging in) is planned once. The default is 5 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ErrorMessage = "Planning:ReplanDelay must lie between 0 and 5 minutes")]
    public TimeSpan ReplanDelay { get; set; } = TimeSpan.FromSeconds(5);
}
