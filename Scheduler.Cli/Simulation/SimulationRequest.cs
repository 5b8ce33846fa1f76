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
    double DepartureMargin = 0);
