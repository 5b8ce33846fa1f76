namespace Scheduler.Cli.Simulation;

/// <summary>What <c>scheduler simulate</c> was asked to do, as given on the command line.</summary>
internal sealed record SimulationRequest(
    string SessionsPath,
    string SitePath,
    string TariffPath,
    string TariffFormat,
    string? SignalsPath,
    string? From,
    string? To,
    string? OutPath,
    string? PlotPath,
    string DefaultDeparture,
    double DefaultEnergyKwh,
    double DepartureMargin = 0)
{
    /// <summary>The first local date whose sessions the drivers' habits are learned from (a warm-up), or null for <see cref="From"/>.</summary>
    public string? LearnFrom { get; init; }

    /// <summary>Whether the scheduler learns the drivers' habits. The default is true.</summary>
    public bool LearnDrivers { get; init; } = true;

    /// <summary>Whether the scheduler tops vehicles up beyond their requests where no peak rises. The default is true.</summary>
    public bool TopUpToFull { get; init; } = true;
}
