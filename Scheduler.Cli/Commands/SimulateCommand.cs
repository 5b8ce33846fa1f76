using System.CommandLine;
using Scheduler.Cli.Simulation;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>scheduler simulate --sessions f --site f --tariff f --tariff-format f [--signals f] [--from d] [--to d] [--out f] [--plot f]</c>:
/// replays real charging sessions through the planner as time passes, against uncontrolled, greedy and offline charging.
/// </summary>
internal static class SimulateCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="output">Where it prints.</param>
    public static Command Create(CliOutput output)
    {
        var sessions = new Option<string>("--sessions") { Description = "The session history: ACN-Data JSON, or CSV (arrival,departure,energyKwh[,chargerId,id,announcedDeparture,announcedEnergyKwh]).", Required = true, HelpName = "file" };
        var site = new Option<string>("--site") { Description = "The site: a scenario's site object (or a scenario file, whose site is taken).", Required = true, HelpName = "file" };
        var tariff = new Option<string>("--tariff") { Description = "The prices, in a format of 'scheduler tariff import'.", Required = true, HelpName = "file" };
        var tariffFormat = new Option<string>("--tariff-format") { Description = "entsoe, awattar, energycharts, energyzero, nordpool, octopus or tou.", Required = true, HelpName = "format" };
        tariffFormat.AcceptOnlyFromAmong([.. TariffCommand.Formats.Keys]);
        var signals = new Option<string?>("--signals") { Description = "Demand-response limits: OpenADR 3 events targeting the site, or a JSON array of the scenario's gridSignals.", HelpName = "file" };
        var from = new Option<string?>("--from") { Description = "The first local date to replay (yyyy-MM-dd, in the site's zone). Default: the first session's.", HelpName = "date" };
        var to = new Option<string?>("--to") { Description = "The last local date to replay, included. Default: the last session's.", HelpName = "date" };
        var outFile = new Option<string?>("--out") { Description = "Write the result (JSON) to this file.", HelpName = "file" };
        var plot = new Option<string?>("--plot") { Description = "Draw the site's load against its limit and the price (PNG).", HelpName = "file" };
        var defaultDeparture = new Option<string>("--default-departure") { Description = "The departure assumed for a driver who announced none, local HH:mm. Default: 17:00.", DefaultValueFactory = _ => "17:00", HelpName = "HH:mm" };
        var defaultEnergy = new Option<double>("--default-energy") { Description = "The energy assumed for a driver who announced none, in kWh. Default: 10.", DefaultValueFactory = _ => 10, HelpName = "kWh" };
        var margin = new Option<double>("--departure-margin") { Description = "The share of each announced stay the planner holds back, 0 to 0.9 (0.5: an announced 8-hour stay is planned to be served in 4). Default: 0.", DefaultValueFactory = _ => 0, HelpName = "share" };
        var learnFrom = new Option<string?>("--learn-from") { Description = "Learn the drivers' habits from the sessions that arrived from this local date on (a warm-up before --from; yyyy-MM-dd). Default: --from: learn only online.", HelpName = "date" };
        var noLearning = new Option<bool>("--no-learning") { Description = "Learn nothing of the drivers: every stay is planned with --departure-margin." };
        var noTopUp = new Option<bool>("--no-top-up") { Description = "Plan every driver's request firmly and nothing beyond it (a site's topUpToFull: false). Default: vehicles are topped up where no billed peak rises, a driver's learned share of the request planned firmly." };
        var command = new Command("simulate", "Replays real charging sessions with the scheduler re-planning as time passes, against uncontrolled, greedy and offline charging.")
        {
            sessions, site, tariff, tariffFormat, signals, from, to, outFile, plot, defaultDeparture, defaultEnergy, margin, learnFrom, noLearning, noTopUp,
        };
        command.SetAction(parseResult => SimulationFiles.Run(
            new SimulationRequest(
                parseResult.GetRequiredValue(sessions),
                parseResult.GetRequiredValue(site),
                parseResult.GetRequiredValue(tariff),
                parseResult.GetRequiredValue(tariffFormat),
                parseResult.GetValue(signals),
                parseResult.GetValue(from),
                parseResult.GetValue(to),
                parseResult.GetValue(outFile),
                parseResult.GetValue(plot),
                parseResult.GetRequiredValue(defaultDeparture),
                parseResult.GetValue(defaultEnergy),
                parseResult.GetValue(margin))
            {
                LearnFrom = parseResult.GetValue(learnFrom),
                LearnDrivers = !parseResult.GetValue(noLearning),
                TopUpToFull = !parseResult.GetValue(noTopUp),
            },
            output));
        return command;
    }
}
