using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Scheduler.Cli.Simulation;
using Scheduler.Functions.Departures;
using Scheduler.Functions.Planning;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Functions.Tariffs;
using Scheduler.Functions.Triggers;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.Messages;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Planning;

/// <summary>
/// <c>PlanSite</c>, fed the events of a replayed day as a CSMS and the drivers' apps would send them, plans what the
/// replay's scheduler plans at every one of its re-plans: the same sessions, departures (learned ones included),
/// energy so far, billing-period peaks, window, prices and currents.
/// </summary>
[Collection("Azurite")]
public sealed class ReplayedDayTests(AzuriteFixture azurite)
{
    private const string SiteId = "caltech-1";

    private static readonly DateTimeZone LosAngeles = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];

    // Monday 2020-12-14, 07:00 to 23:00 in Pasadena: twelve sessions, most of them asking for more than their car took.
    private static readonly Instant Start = LosAngeles.AtStrictly(new LocalDateTime(2020, 12, 14, 7, 0)).ToInstant();
    private static readonly Instant End = Start + Duration.FromHours(16);

    private static readonly TimeSpan SolverTimeLimit = TimeSpan.FromSeconds(30);

    // Each session's energy is recorded to the Wh: a 15-minute slot's average may differ by 4 W per session.
    private const double PeakToleranceKw = 0.02;

    [Fact]
    public async Task PlanSite_ReplayedCaltechDay_PlansAsTheReplayAtEveryReplan()
    {
        var site = Site();
        var prices = Prices(Start, End + Duration.FromDays(2));
        var grid = ReplayGrid.Build(CaltechDay.Input(site, Start, End, prices, SolverTimeLimit));
        var recorder = new ReplayRecorder(grid);
        var meter = ReplayMeter.Run(grid, recorder);
        await using var app = await AppHarness.StartAsync(azurite, Start, new Dictionary<string, string?> { ["Planning:SolverTimeLimit"] = SolverTimeLimit.ToString() });
        await app.Get<SiteStore>().UpsertAsync(site);
        await app.Get<TariffStore>().WritePricesAsync(SiteId, "USD", prices, "feed:awattar", Start);
        await app.Get<TariffStore>().WriteStatusAsync(SiteId, new TariffFeedStatus("feed:awattar", Start, Start, null));
        var events = new DayEvents(app, grid, meter);

        var compared = new List<string>();
        var peaksPaid = false;
        foreach (var step in recorder.Steps)
        {
            var at = grid.At(step.Minute);
            app.Clock.Reset(at);
            await events.SendUpToAsync(step);
            await PlanAsync(app, $"r-{step.Minute}", at);

            var (stored, json) = (await app.Get<PlanStore>().GetLatestAsync(SiteId))!.Value;
            var replay = Describe(grid, step);
            var inputs = PlanInputs.FromJson(stored.InputsJson);
            Assert.Equal(replay, Describe(stored, json));
            // The app's peaks come from energies metered to the Wh, the replay's from its exact meter.
            var peaks = step.Request.Problem.Tariff.DemandCharges.ToDictionary(c => c.Id, c => c.PeakSoFarKw);
            Assert.All(inputs.PeaksSoFarKw, p => Assert.Equal(peaks[p.Key], p.Value, PeakToleranceKw));
            compared.AddRange(replay);
            peaksPaid |= peaks.Values.Any(kw => kw > 0);
        }

        // The day has what the comparison is about: re-plans at slot boundaries and between them (arrivals, departures,
        // full batteries), cars that filled up, departures learned, a peak paid already.
        Assert.Contains(recorder.Steps, s => s.Minute % 15 == 0);
        Assert.Contains(recorder.Steps, s => s.Minute % 15 != 0);
        Assert.Contains(recorder.Steps, s => s.Minute % 15 != 0 && grid.Sessions.Any(x => x.DepartureMinute == s.Minute));
        Assert.Contains(compared, line => line.Contains(" energy=full ", StringComparison.Ordinal));
        Assert.Contains(compared, line => line.Contains("-learned ", StringComparison.Ordinal));
        Assert.True(peaksPaid);
    }

    // A workplace in Pasadena: a 40 kW connection, one 80 A feeder with four 3-phase 32 A chargers, an energy price by
    // the quarter hour from a feed and a demand charge on the billing month's peak.
    private static SiteRecord Site() => new(
        SiteId,
        "America/Los_Angeles",
        230,
        40,
        new SiteSettings
        {
            Currency = "USD",
            DemandChargePerKw = 15,
            DefaultDeparture = "17:00",
            DefaultDepartureOnWorkingDays = true,
            DefaultEnergyKwh = 10,
            TariffFeed = new TariffFeedSettings { Format = "awattar", Url = "https://feed.example/{from}/{to}" },
        },
        [new CircuitRecord("feeder-a", null, 80)],
        [.. Enumerable.Range(1, 4).Select(i => new ChargerRecord { Id = $"cp-{i}", CircuitId = "feeder-a", MaxCurrentA = 32, StationId = $"CS/{i:00}" })]);

    // Quarter-hour prices: cheap at night, dear from 16:00 to 21:00 local, with a small step every quarter hour so that no two slots tie.
    private static List<PriceInterval> Prices(Instant from, Instant to)
    {
        var prices = new List<PriceInterval>();
        for (var start = from; start < to; start += Duration.FromMinutes(15))
        {
            var local = start.InZone(LosAngeles);
            var perKwh = local.Hour switch { < 7 or >= 22 => 0.10, >= 16 and < 21 => 0.40, _ => 0.22 };
            prices.Add(new PriceInterval(start, start + Duration.FromMinutes(15), perKwh + (local.Minute / 15 * 0.001)));
        }

        return prices;
    }

    private static async Task PlanAsync(AppHarness app, string requestId, Instant at)
    {
        await app.SendAsync(QueueNames.PlanRequests, TestMessages.PlanRequest(requestId, SiteId, at));
        await app.DrainAsync(QueueNames.PlanRequests, m => app.Function<PlanSiteFunction>().Run(m, default));
    }

    // What the replay's scheduler planned at a step, in the terms of the app's plan record.
    private static List<string> Describe(ReplayGrid grid, ReplayStep step)
    {
        var problem = step.Request.Problem;
        var lines = new List<string> { $"at {Iso(grid.At(step.Minute))} window {Iso(problem.Window.Start)} {Iso(problem.Window.End)}" };
        lines.AddRange(step.Request.Sessions.OrderBy(d => d.SessionId, StringComparer.Ordinal).Select(d =>
            Session(d.SessionId, d.Departure, d.Energy, Iso(d.AnnouncedDeparture), Iso(d.PlannedDeparture), AsMetered(step.DeliveredKwh[grid.SessionIndex[d.SessionId]]))));
        lines.AddRange(problem.Tariff.DemandCharges.OrderBy(c => c.Id, StringComparer.Ordinal).Select(c => $"charge {c.Id}"));
        if (step.Plan is { } plan)
        {
            lines.AddRange(plan.Sessions.OrderBy(s => s.SessionId, StringComparer.Ordinal).Select(s => Currents(s.SessionId, s.RequestedKwh, s.SlotCurrentsA.Select(a => (double)a))));
            lines.Add(PricesLine(plan.SiteLoad.Select(l => l.PerKwh)));
        }

        return lines;
    }

    // What the app planned, from its stored plan: the inputs record and the plan file.
    private static List<string> Describe(StoredPlan stored, string planJson)
    {
        var inputs = PlanInputs.FromJson(stored.InputsJson);
        using var document = JsonDocument.Parse(planJson);
        var root = document.RootElement;
        var planning = root.GetProperty("planning");
        var windowStart = Read(planning.GetProperty("start"));
        var slot = Duration.FromMinutes(planning.GetProperty("slotMinutes").GetInt32());
        var slots = (int)((Read(planning.GetProperty("end")) - windowStart) / slot);
        var lines = new List<string> { $"at {Iso(stored.PlannedAt)} window {Iso(windowStart)} {Iso(Read(planning.GetProperty("end")))}" };
        lines.AddRange(inputs.Sessions.OrderBy(s => s.SessionId, StringComparer.Ordinal).Select(s =>
            Session(s.SessionId, s.Departure, s.Energy, s.AnnouncedDeparture!, s.PlannedDeparture!, s.DeliveredKwh)));
        lines.AddRange(inputs.PeaksSoFarKw.Keys.Order(StringComparer.Ordinal).Select(id => $"charge {id}"));
        var sessions = root.GetProperty("sessions").EnumerateArray().ToList();
        if (sessions.Count > 0)
        {
            lines.AddRange(sessions.OrderBy(s => s.GetProperty("id").GetString(), StringComparer.Ordinal).Select(s =>
                Currents(s.GetProperty("id").GetString()!, s.GetProperty("requestedKwh").GetDouble(), SlotCurrents(s, windowStart, slot, slots))));
            lines.Add(PricesLine(root.GetProperty("siteLoad").EnumerateArray().Select(l => l.GetProperty("perKwh").GetDouble())));
        }

        return lines;
    }

    // A session's periods as one current per slot of the window.
    private static double[] SlotCurrents(JsonElement session, Instant windowStart, Duration slot, int slots)
    {
        var currents = new double[slots];
        foreach (var period in session.GetProperty("periods").EnumerateArray())
        {
            var from = (int)((Read(period.GetProperty("start")) - windowStart) / slot);
            var to = (int)Math.Ceiling((Read(period.GetProperty("end")) - windowStart) / slot);
            for (var k = from; k < to; k++)
            {
                currents[k] = period.GetProperty("currentA").GetDouble();
            }
        }

        return currents;
    }

    // The energy as the app reads it back: sent as a register in Wh, turned into kWh and rounded to the Wh as the app
    // rounds it. Charging at whole amps often lands on half a Wh, where formatting the replay's exact energy and the
    // app's rounding of the same energy through Wh could round apart.
    private static double AsMetered(double kwh) => Math.Round(kwh * 1000 / 1000, 3);

    private static string Session(string id, string departure, string energy, string announced, string planned, double deliveredKwh) =>
        string.Create(CultureInfo.InvariantCulture, $"session {id} departure={departure} energy={energy} announced={announced} planned={planned} delivered={deliveredKwh:F3}");

    private static string Currents(string id, double requestedKwh, IEnumerable<double> currents) =>
        string.Create(CultureInfo.InvariantCulture, $"plan {id} requested={requestedKwh:F3} currents={string.Join(',', currents.Select(a => a.ToString("0.#", CultureInfo.InvariantCulture)))}");

    private static string PricesLine(IEnumerable<double> prices) =>
        "prices " + string.Join(',', prices.Select(p => p.ToString("0.####", CultureInfo.InvariantCulture)));

    private static Instant Read(JsonElement text) => OffsetDateTimePattern.ExtendedIso.Parse(text.GetString()!).GetValueOrThrow().ToInstant();

    private static string Iso(Instant at) => InstantPattern.ExtendedIso.Format(at);
}
