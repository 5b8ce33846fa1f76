using Scheduler.Protocols.Scenarios;

namespace Scheduler.Cli.Planning;

/// <summary>
/// The sample site that <c>scheduler demo</c> plans, embedded in the executable: a depot and staff car park in
/// Vienna, noon to noon on 10–11 March 2026, with that day's quarter-hourly EPEX Spot AT day-ahead prices.
/// </summary>
internal static class DemoScenario
{
    /// <summary>The embedded file's resource name (see the project file).</summary>
    public const string ResourceName = "Scheduler.Cli.Samples.demo-scenario.json";

    /// <summary>A name for the scenario in messages.</summary>
    public const string DisplayName = "demo-scenario.json (embedded)";

    /// <summary>Where the prices come from, for the summary.</summary>
    public const string PriceSource =
        "Prices: EPEX Spot AT day-ahead via Energy-Charts (Fraunhofer ISE); see THIRD-PARTY-NOTICES.md.";

    /// <summary>Reads the embedded scenario.</summary>
    /// <returns>The problem; the file is checked by the tests, so errors here mean a broken build.</returns>
    public static ScenarioReadResult Read()
    {
        using var stream = typeof(DemoScenario).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from the build.");
        return ScenarioReader.Read(stream);
    }
}
