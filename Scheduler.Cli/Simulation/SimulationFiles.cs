using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Scheduler.Cli.Commands;
using Scheduler.Cli.Output;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.History;
using Scheduler.Protocols.Input;
using Scheduler.Protocols.OpenAdr;
using Scheduler.Protocols.Scenarios;
using Scheduler.Protocols.Tariffs;
using Spectre.Console;

namespace Scheduler.Cli.Simulation;

/// <summary>What <c>simulate</c> does with its files: read and check them, replay, print the table, write the result and the chart.</summary>
internal static class SimulationFiles
{
    /// <summary>Runs a replay from files.</summary>
    /// <returns>The exit code.</returns>
    /// <exception cref="BadInputException">A file is missing or invalid, or the options do not fit together.</exception>
    public static int Run(SimulationRequest request, CliOutput output)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        if (request.OutPath is { } outPath)
        {
            AtomicFile.CheckTarget(outPath);
        }

        if (request.PlotPath is { } plotPath)
        {
            AtomicFile.CheckTarget(plotPath, "--plot");
        }

        var input = ReadInput(request);
        var result = RunWithProgress(input, output);
        Print(result, output);

        if (request.OutPath is { } resultPath)
        {
            AtomicFile.WriteAllText(resultPath, SimulationResultWriter.Write(result));
            output.Out.WriteLine($"Result written to {resultPath}");
        }

        if (request.PlotPath is { } chartPath)
        {
            AtomicFile.WriteAllBytes(chartPath, SimulationChart.RenderPng(result, input.Site.TimeZone), "--plot");
            output.Out.WriteLine($"Chart written to {chartPath}");
            WriteMonthCharts(result, input, chartPath, output);
        }

        var violations = result.Strategies.First(s => s.Name == "scheduler").Violations;
        if (violations > 0)
        {
            output.Error.WriteLine($"internal error: the scheduler's plans broke {violations} limit-minutes; every plan must keep every limit");
            return ExitCodes.InternalError;
        }

        return ExitCodes.Success;
    }

    // A replay over several billing periods also gets a chart per period beside the whole one: replay-2021-07.png.
    private static void WriteMonthCharts(SimulationResult result, SimulationInput input, string chartPath, CliOutput output)
    {
        var periods = result.Strategies[0].Periods;
        if (periods.Count < 2)
        {
            return;
        }

        foreach (var period in periods)
        {
            var path = Path.Combine(Path.GetDirectoryName(chartPath) ?? string.Empty, $"{Path.GetFileNameWithoutExtension(chartPath)}-{period.Period}{Path.GetExtension(chartPath)}");
            AtomicFile.WriteAllBytes(path, SimulationChart.RenderPng(result.Slice(period.Start, period.End), input.Site.TimeZone), "--plot");
            output.Out.WriteLine($"Chart written to {path}");
        }
    }

    /// <summary>Reads and checks every input file.</summary>
    public static SimulationInput ReadInput(SimulationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (site, siteErrors) = SiteReader.Read(InputFile.ReadAllText(request.SitePath, "site file"));
        if (site is null)
        {
            throw new BadInputException($"--site: '{request.SitePath}' is not a valid site: " + string.Join("; ", siteErrors.Take(5).Select(e => $"{e.Path}: {e.Message}")));
        }

        var history = SessionHistoryReader.Read(InputFile.ReadAllText(request.SessionsPath, "sessions file"));
        if (!history.IsValid)
        {
            throw new BadInputException($"--sessions: '{request.SessionsPath}' is not a valid session history: " + string.Join("; ", history.Errors.Take(5)));
        }

        if (history.Sessions.Count == 0)
        {
            throw new BadInputException($"--sessions: '{request.SessionsPath}' holds no sessions");
        }

        var zone = site.TimeZone;
        var dates = ReplayDates(request, history.Sessions, zone);
        var start = zone.AtStartOfDay(dates.Start).ToInstant();
        var end = zone.AtStartOfDay(dates.End.PlusDays(1)).ToInstant();
        CheckReplaySize(request, history.Sessions, start, end);
        if (!LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(request.DefaultDeparture).Success)
        {
            throw new BadInputException($"--default-departure '{request.DefaultDeparture}' is not a local time HH:mm");
        }

        if (request.DefaultEnergyKwh is <= 0 or > 500 || double.IsNaN(request.DefaultEnergyKwh))
        {
            throw new BadInputException($"--default-energy {request.DefaultEnergyKwh.ToString(CultureInfo.InvariantCulture)} kWh is outside (0, 500]");
        }

        if (request.DepartureMargin is < 0 or > 0.9 || double.IsNaN(request.DepartureMargin))
        {
            throw new BadInputException($"--departure-margin {request.DepartureMargin.ToString(CultureInfo.InvariantCulture)} is outside 0 to 0.9");
        }

        var tariff = ReadTariff(request, zone, dates.Start, dates.End, start, end);
        IReadOnlyList<GridSignal> gridSignals = [];
        if (request.SignalsPath is { } signalsPath)
        {
            var text = InputFile.ReadAllText(signalsPath, "signals file");
            if (IsOpenAdr(text))
            {
                (gridSignals, tariff) = ReadOpenAdr(signalsPath, text, site, tariff, start, end);
            }
            else
            {
                gridSignals = ReadSignals(signalsPath, text);
            }
        }

        Instant? learnFrom = null;
        if (request.LearnFrom is { } learnText)
        {
            var learnDate = CommonOptions.ParseDate(learnText, "--learn-from");
            if (learnDate > dates.Start)
            {
                throw new BadInputException($"--learn-from {learnText} is after the replay's first date {dates.Start:uuuu-MM-dd}: the warm-up comes before it");
            }

            learnFrom = zone.AtStartOfDay(learnDate).ToInstant();
        }

        return new SimulationInput
        {
            LearnFrom = learnFrom,
            LearnDrivers = request.LearnDrivers,
            TopUpToFull = request.TopUpToFull,
            Site = site,
            Tariff = tariff,
            GridSignals = gridSignals,
            Sessions = history.Sessions,
            Start = start,
            End = end,
            DefaultDeparture = request.DefaultDeparture,
            DefaultEnergyKwh = request.DefaultEnergyKwh,
            DepartureMargin = request.DepartureMargin,
        };
    }

    /// <summary>The local dates to replay: <c>--from</c> and <c>--to</c>, or the sessions' own span; at most a year either way.</summary>
    private static DateInterval ReplayDates(SimulationRequest request, IReadOnlyList<HistoricalSession> sessions, DateTimeZone zone)
    {
        var earliest = sessions.MinBy(s => s.Arrival)!;
        var latest = sessions.MaxBy(s => s.Departure)!;
        var first = request.From is { } fromText ? CommonOptions.ParseDate(fromText, "--from") : earliest.Arrival.InZone(zone).Date;
        var last = request.To is { } toText ? CommonOptions.ParseDate(toText, "--to") : latest.Departure.InZone(zone).Date;
        var firstName = request.From is null ? $"--sessions '{request.SessionsPath}': the arrival of session '{Printable.Escape(earliest.Id)}' on" : "--from";
        var lastName = request.To is null ? $"the departure of session '{Printable.Escape(latest.Id)}' on" : "--to";
        var what = request.From is null || request.To is null ? "give --from and --to: a replay covers" : "a replay covers";
        return CommonOptions.DateSpan(first, last, InputLimits.MaxReplayDays, what, firstName, lastName);
    }

    /// <summary>
    /// The offline strategy plans the whole replay at once: its sessions and their quarter-hours are bounded as one
    /// plan's are, before anything is planned.
    /// </summary>
    private static void CheckReplaySize(SimulationRequest request, IReadOnlyList<HistoricalSession> sessions, Instant start, Instant end)
    {
        var replayed = sessions.Where(s => s.Departure > start && s.Arrival < end).ToList();
        if (replayed.Count > InputLimits.MaxReplaySessions)
        {
            throw new BadInputException(string.Create(CultureInfo.InvariantCulture,
                $"--sessions: '{request.SessionsPath}' holds {replayed.Count:N0} sessions in the replay, more than the {InputLimits.MaxReplaySessions:N0} one replay may hold; replay a shorter span with --from and --to"));
        }

        var slot = Duration.FromMinutes(15).BclCompatibleTicks;
        var quarterHours = replayed.Sum(s => (((s.Departure < end ? s.Departure : end) - (s.Arrival > start ? s.Arrival : start)).BclCompatibleTicks + slot - 1) / slot);
        if (quarterHours > InputLimits.MaxSessionSlots)
        {
            throw new BadInputException(string.Create(CultureInfo.InvariantCulture,
                $"--sessions: the sessions in the replay stay {quarterHours:N0} quarter-hours in all, more than the {InputLimits.MaxSessionSlots:N0} session-slots its offline plan may hold; replay a shorter span with --from and --to"));
        }
    }

    private static Tariff ReadTariff(SimulationRequest request, DateTimeZone zone, LocalDate first, LocalDate last, Instant start, Instant end)
    {
        var format = TariffCommand.Formats[request.TariffFormat];
        // A schedule is laid out over the replay and a day and a half beyond it, for the plans that look past its end.
        var options = new TariffImportOptions { Zone = zone, Dates = TariffImporter.NeedsDates(format) ? new DateInterval(first, last.PlusDays(2)) : null };
        var read = TariffImporter.Read(InputFile.ReadAllText(request.TariffPath, "tariff file"), format, options);
        if (!read.IsValid)
        {
            throw new BadInputException($"--tariff: '{request.TariffPath}' is not a valid {request.TariffFormat} tariff: " + string.Join("; ", read.Errors.Take(5)));
        }

        var gaps = TariffSlots.FindGaps(read.Prices, start, end);
        if (gaps.Count > 0)
        {
            throw new BadInputException($"--tariff: '{request.TariffPath}' has no prices from {gaps[0].Start} to {gaps[0].End}, inside the replay");
        }

        // Each demand charge covers its own billing month, so the replay bills every calendar month on its own peak.
        return new Tariff(read.Currency ?? "EUR", read.Prices, read.DemandCharges);
    }

    // OpenADR 3 events (one object or an array) carry a programID; the scenario's gridSignals do not.
    private static bool IsOpenAdr(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var first = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().FirstOrDefault() : root;
            return first.ValueKind == JsonValueKind.Object && first.TryGetProperty("programID", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // Events that target the site become its limits, and their PRICE intervals replace the tariff where they fall.
    private static (IReadOnlyList<GridSignal>, Tariff) ReadOpenAdr(string path, string text, Site site, Tariff tariff, Instant start, Instant end)
    {
        var read = OpenAdrEventReader.Read(text, start);
        if (!read.IsValid)
        {
            throw new BadInputException($"--signals: '{path}' holds OpenADR events that cannot be read: " + string.Join("; ", read.Errors.Take(5)));
        }

        var book = new GridSignalBook(new GridSignalBookOptions { TargetNames = [site.Id] });
        book.ApplyAll(read.Events);
        var set = book.Resolve(start, end + Duration.FromDays(2));
        var overrides = set.PriceOverrides
            .Where(o => string.Equals(o.Currency, tariff.Currency, StringComparison.OrdinalIgnoreCase))
            .Select(o => new PriceInterval(o.Start, o.End, o.PerKwh))
            .ToList();
        var priced = overrides.Count == 0 ? tariff : new Tariff(tariff.Currency, PriceOverlay.Apply(tariff.Prices, overrides), tariff.DemandCharges);
        return (set.GridSignals, priced);
    }

    private static IReadOnlyList<GridSignal> ReadSignals(string path, string text)
    {
        var (signals, errors) = GridSignalsReader.Read(text);
        return signals ?? throw new BadInputException($"--signals: '{path}' is not an array of grid signals: " + string.Join("; ", errors.Take(5)));
    }

    private static SimulationResult RunWithProgress(SimulationInput input, CliOutput output)
    {
        var terminal = ReferenceEquals(output.Error, Console.Error) && !Console.IsErrorRedirected;
        if (!terminal)
        {
            return SimulationRunner.Run(input);
        }

        SimulationResult? result = null;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output.Error) });
        console.Progress().AutoClear(true).Start(context =>
        {
            var task = context.AddTask("replaying", maxValue: 1);
            result = SimulationRunner.Run(input, share => task.Value = share);
        });
        return result!;
    }

    private static void Print(SimulationResult result, CliOutput output)
    {
        var console = CliConsole.Create(output.Out);
        var table = new Table().AddColumns("strategy", "cost", "requested kWh", "delivered kWh", "cost/kWh", "fully served %", "peak kW", "violations");
        foreach (var s in result.Strategies)
        {
            table.AddRow(
                s.Name,
                string.Create(CultureInfo.InvariantCulture, $"{s.Cost:0.00} {s.Currency}"),
                s.RequestedKwh.ToString("0.0", CultureInfo.InvariantCulture),
                s.DeliveredKwh.ToString("0.0", CultureInfo.InvariantCulture),
                s.CostPerKwh.ToString("0.0000", CultureInfo.InvariantCulture),
                s.FullyServedPct.ToString("0.0", CultureInfo.InvariantCulture),
                s.PeakKw.ToString("0.0", CultureInfo.InvariantCulture),
                s.Violations.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(table);
        var offline = result.Strategies.First(s => s.Name == "offline");
        var bound = offline.LowerBound is { } b ? string.Create(CultureInfo.InvariantCulture, $"; offline lower bound {b:0.00} {offline.Currency}") : string.Empty;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Sessions} sessions, {result.Replans} re-plans, {result.WallMs} ms{bound}"));
        foreach (var warning in result.Warnings)
        {
            console.WriteLine("warning: " + warning);
        }

        console.Write(PeriodTable(result));
    }

    // Per billing period and strategy: the energy's cost and each demand charge, as the utility's bill shows them.
    private static Table PeriodTable(SimulationResult result)
    {
        var table = new Table().AddColumns("period", "strategy", "energy kWh", "energy cost", "demand charges", "total");
        var periods = result.Strategies[0].Periods.Count;
        for (var p = 0; p < periods; p++)
        {
            foreach (var s in result.Strategies)
            {
                var bill = s.Periods[p];
                var charges = bill.DemandCharges.Count == 0
                    ? "none"
                    : string.Join(", ", bill.DemandCharges.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.ChargeId} {c.PeakKw:0.0} kW {c.Amount:0.00}")));
                table.AddRow(
                    bill.Period,
                    s.Name,
                    bill.EnergyKwh.ToString("0.0", CultureInfo.InvariantCulture),
                    bill.EnergyCost.ToString("0.00", CultureInfo.InvariantCulture),
                    Markup.Escape(charges),
                    string.Create(CultureInfo.InvariantCulture, $"{bill.Total:0.00} {s.Currency}"));
            }
        }

        return table;
    }
}
