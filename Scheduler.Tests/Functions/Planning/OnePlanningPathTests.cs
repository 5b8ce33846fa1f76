using NodaTime;
using Scheduler.Cli.Simulation;
using Scheduler.Functions.Departures;
using Scheduler.Functions.Planning;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.History;
using Scheduler.Protocols.Messages;
using Scheduler.Protocols.Plans;
using Scheduler.Protocols.Scenarios;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Planning;

/// <summary>PlanSite's assembler and the replay's scheduler make the same problem of the same state of a site.</summary>
[Collection("Azurite")]
public sealed class OnePlanningPathTests(AzuriteFixture azurite)
{
    // Tuesday 2026-03-10, 13:00 in Amsterdam.
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);

    [Fact]
    public async Task Assemble_SameSnapshotAsTheReplay_SameProblem()
    {
        // One car plugs in now and its driver says 18:00 and 25 kWh; another says nothing (the site's defaults).
        await using var app = await AppHarness.StartAsync(azurite, Now);
        var site = TestSites.Depot(settings: TestSites.WithCsms(new Uri("https://csms.example")));
        await app.Get<SiteStore>().UpsertAsync(site);
        var sessions = app.Get<SessionStore>();
        await sessions.ApplyAsync(new SessionEventMessage("e-1", "depot-1", SessionEventKind.Started, "cp-1", "tx-1", Now, 0));
        await sessions.ApplyAsync(new SessionEventMessage("e-2", "depot-1", SessionEventKind.Started, "cp-2", "tx-2", Now, 0));
        await app.Get<DepartureStore>().SetAsync(new DepartureMessage("d-1", "depot-1", "cp-1:tx-1", null, Now + Duration.FromHours(5), 25), Now);

        var assembled = await app.Get<ScenarioAssembler>().AssembleAsync(site, Now, PreviousPlan.None, await SiteSessions.ReadAsync(sessions, site.Id, null), "r-1", "test");
        var functions = ScenarioReader.Read(assembled.ScenarioJson).Problem!;
        var replay = ReplayProblem(functions, site.Settings);

        Assert.Equal(functions.Window, replay.Window);
        Assert.Equal(Describe(functions), Describe(replay));
        Assert.Equal(functions.Tariff.Prices.Select(p => (p.Start, p.End, p.PerKwh)), replay.Tariff.Prices.Select(p => (p.Start, p.End, p.PerKwh)));
    }

    // The replay of the same two cars at the same instant, on the same site, prices and defaults.
    private static PlanningProblem ReplayProblem(PlanningProblem functions, SiteSettings settings)
    {
        HistoricalSession Car(string id, string charger, Announcement[] said) =>
            new(id, charger, Now, Now + Duration.FromHours(20), 40, said);
        var input = new SimulationInput
        {
            Site = functions.Site,
            Tariff = new Tariff(functions.Tariff.Currency, functions.Tariff.Prices),
            Sessions = [Car("cp-1:tx-1", "cp-1", [new Announcement(Now, Now + Duration.FromHours(5), 25)]), Car("cp-2:tx-2", "cp-2", [])],
            Start = Now,
            End = functions.Window.End,
            DefaultDeparture = settings.DefaultDeparture,
            DefaultDepartureOnWorkingDays = settings.DefaultDepartureOnWorkingDays,
            DefaultEnergyKwh = settings.DefaultEnergyKwh,
            DepartureMargin = settings.DepartureMargin,
            MaxHorizon = Duration.FromHours(settings.MaxHorizonHours),
        };
        var grid = ReplayGrid.Build(input);
        var strategy = new RollingSchedulerStrategy(grid);
        strategy.BeginMinute(0, new ReplayMeter(grid));
        return strategy.LastRequest!.Problem;
    }

    private static List<string> Describe(PlanningProblem problem) =>
        [.. problem.Sessions.Select(s => $"{s.Id} {s.ChargerId} {s.Arrival} {s.Departure} {s.EnergyKwh} {s.MaxCurrentA} {s.Phases}")];
}
