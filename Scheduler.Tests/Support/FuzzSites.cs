using NodaTime;
using Scheduler.Optimizer.Model;

namespace Scheduler.Tests.Support;

/// <summary>
/// Hostile but valid sites for the fuzz campaign, one per seed: circuit trees one to four deep with several roots,
/// every phase rotation, minimum currents from 0 to 10 A (some equal to the maximum, some vehicles unable to reach
/// their charger's minimum), base loads that overlap, go negative or exceed the connection, overlapping grid signals
/// down to 0 kW, connections below one car's minimum power, slots of every length from 1 to 60 minutes, windows over
/// daylight-saving days in three zones (and one with a half-hour offset), and several demand charges with local-time
/// intervals and peaks already recorded. <see cref="Generate"/> gives the same site for the same seed on every run.
/// </summary>
public static class FuzzSites
{
    /// <summary>Every slot length the planning window accepts, in minutes.</summary>
    public static readonly IReadOnlyList<int> SlotMinutes = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60];

    /// <summary>The zones, each with the local dates of its 2026 clock changes (none for the half-hour zone).</summary>
    public static readonly IReadOnlyList<(string Zone, LocalDate[] ClockChanges)> Zones =
    [
        ("Europe/Berlin", [new LocalDate(2026, 3, 29), new LocalDate(2026, 10, 25)]),
        ("America/New_York", [new LocalDate(2026, 3, 8), new LocalDate(2026, 11, 1)]),
        ("Australia/Sydney", [new LocalDate(2026, 4, 5), new LocalDate(2026, 10, 4)]),
        ("Asia/Kolkata", []),
    ];

    /// <summary>The deepest circuit tree, counting the root as depth 1.</summary>
    public const int MaxDepth = 4;

    /// <summary>The most slots of a window, so that a one-minute grid stays a few hours long.</summary>
    public const int MaxSlots = 192;

    /// <summary>The site of <paramref name="seed"/>, of ordinary size (up to 12 chargers with two stays each).</summary>
    public static PlanningProblem Generate(int seed) => new FuzzSiteBuilder(new Random(seed), FuzzSize.Ordinary).Build();

    /// <summary>A small site of <paramref name="seed"/> (up to 4 sessions and 12 slots), for the exact dominance check.</summary>
    public static PlanningProblem GenerateSmall(int seed) => new FuzzSiteBuilder(new Random(seed), FuzzSize.Small).Build();

    /// <summary>The depth of circuit <paramref name="circuitId"/> in <paramref name="site"/>'s tree, the root being 1.</summary>
    public static int Depth(Site site, string circuitId)
    {
        var byId = site.Circuits.ToDictionary(c => c.Id);
        var depth = 1;
        for (var c = byId[circuitId]; c.ParentId is { } parent; c = byId[parent])
        {
            depth++;
        }

        return depth;
    }
}
