using Scheduler.Optimizer.Synthetic;

namespace Scheduler.Cli.Bench;

/// <summary>The benchmark's names for the synthetic profiles, as <c>--profiles</c> takes them.</summary>
internal static class BenchProfiles
{
    /// <summary>Every profile, in the order the benchmark runs them.</summary>
    public static readonly IReadOnlyList<SyntheticProfile> All =
        [SyntheticProfile.Loose, SyntheticProfile.Binding, SyntheticProfile.Demand, SyntheticProfile.Both];

    /// <summary>The command-line name: loose, binding, demand or both.</summary>
    public static string Name(SyntheticProfile profile) => profile.ToString().ToLowerInvariant();

    /// <summary>The profile of a command-line name, or null when it names none.</summary>
    public static SyntheticProfile? Parse(string name) =>
        All.Where(p => Name(p) == name.Trim().ToLowerInvariant()).Select(p => (SyntheticProfile?)p).FirstOrDefault();
}
