using NodaTime;

namespace Scheduler.Functions.Planning;

/// <summary>A stored plan's header: what was planned when, how well, and from which inputs.</summary>
/// <param name="PlanId">The plan's id, unique within its site.</param>
/// <param name="SiteId">The site.</param>
/// <param name="PlannedAt">The instant its inputs were read.</param>
/// <param name="Status">Optimal, Feasible or Fallback.</param>
/// <param name="Cost">Its energy (and demand) cost.</param>
/// <param name="Currency">The currency of <paramref name="Cost"/>.</param>
/// <param name="InputsJson">The inputs it used and how each was degraded (see <see cref="PlanInputs"/>).</param>
/// <param name="RequestId">The plan request it answered.</param>
/// <param name="InputVersion">The site's input version when its inputs were read (see <see cref="Sites.SiteStore.BumpInputVersionAsync"/>).</param>
public sealed record StoredPlan(
    string PlanId,
    string SiteId,
    Instant PlannedAt,
    string Status,
    double Cost,
    string Currency,
    string InputsJson,
    string RequestId,
    long InputVersion)
{
    /// <summary>Its place among the site's plans.</summary>
    public PlanOrder Order => new(InputVersion, PlannedAt);
}
