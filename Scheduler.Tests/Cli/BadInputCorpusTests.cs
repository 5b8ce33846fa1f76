using System.Text;
using System.Text.Json.Nodes;
using Scheduler.Cli;
using Scheduler.Protocols.Input;
using Scheduler.Tests.Protocols;
using Scheduler.Tests.Protocols.History;
using Scheduler.Tests.Protocols.OpenAdr;
using Scheduler.Tests.Protocols.Tariffs;
using Scheduler.Tests.Storage;
using Scheduler.Tests.Support;

namespace Scheduler.Tests.Cli;

/// <summary>
/// Hostile and broken inputs of every format the command line reads, each run as a user would run it: every one
/// must exit with bad input (2, never 1), name its place (a JSON path, a line, an option), print nothing on stdout
/// and write no file. Sizes and counts beyond the limits are among them: each limit must fire, and since it fires
/// before the content is read, none of them costs time or memory in proportion to what the input claims.
/// </summary>
public sealed class BadInputCorpusTests
{
    private static readonly string GarageSite = Path.Combine(AzuriteInstall.RepositoryRoot(), "Scheduler.Cli", "Samples", "garage-site.json");
    private static readonly string SceTou = TariffSamples.PathOf("tou-acnportal/sce_tou_ev_8_june_2019.json");
    private static readonly string Jpl = SessionSamples.PathOf(SessionSamples.Jpl);
    private static readonly string SimpleEvent = Path.Combine(SharedData.Folder("openadr"), "examples-user-guide-3.1.0", "ex-8.2-1_create-simple-event.json");

    /// <summary>Each case: what it writes into the folder and the command line it runs, and the place its error must name.</summary>
    private static readonly Dictionary<string, (Func<TempFolder, string[]> Args, string Place)> Corpus = new(StringComparer.Ordinal)
    {
        // The scenario file of `plan`.
        ["scenario: truncated JSON"] = (f => Plan(f, ScenarioSamples.Minimal().ToJsonString()[..40]), "$: not valid JSON at line 1, byte 41 of the line"),
        ["scenario: invalid UTF-8"] = (f => Plan(f, [.. "{\"version\": \"x"u8.ToArray(), 0xFF, .. "\"}"u8.ToArray()]), "is not UTF-8: an invalid byte sequence at byte offset 14"),
        ["scenario: lone surrogate in an id"] = (f => Plan(f, Minimal().Replace("\"s-1\"", "\"s\\ud800\"", StringComparison.Ordinal)), "$.sessions[0].id: the string holds an unpaired surrogate"),
        ["scenario: control characters in an id"] = (f => Plan(f, Minimal().Replace("\"s-1\"", "\"s\\u0007\\u001b[31m\"", StringComparison.Ordinal)), "$.sessions[0].id: found \"s\\u0007\\u001B[31m\""),
        ["scenario: property twice"] = (f => Plan(f, Minimal().Replace("\"version\":1", "\"version\":1,\"version\":1", StringComparison.Ordinal)), "$.version: the property appears more than once"),
        ["scenario: number beyond a decimal"] = (f => Plan(f, Minimal().Replace("\"energyKwh\":30", "\"energyKwh\":1e309", StringComparison.Ordinal)), "$.sessions[0].energyKwh: found 1e309"),
        ["scenario: nested 10,000 deep"] = (f => Plan(f, "{\"version\":1,\"site\":" + new string('[', 10_000) + new string(']', 10_000) + "}"), "The maximum configured depth of 64 has been exceeded"),
        ["scenario: window of 1,000 years"] = (f => Plan(f, Scenario(s =>
        {
            s.At("planning")["end"] = "3026-03-29T06:00:00+02:00";
            s.At("tariff.prices[0]")["end"] = "3026-03-29T06:00:00+02:00";
        })), "$.planning.end: the window is 365,242.2 days long, longer than the 7 days a plan may cover"),
        ["scenario: more sessions than a plan holds"] = (f => Plan(f, Scenario(s => s["sessions"] = new JsonArray([.. Enumerable.Range(0, InputLimits.MaxSessions + 1).Select(_ => JsonValue.Create(0))]))), "$.sessions: holds 10,001 sessions, more than the 10,000 a scenario may hold"),
        ["scenario: 60-minute slots in +05:30"] = (f => Plan(f, Scenario(s =>
        {
            s.At("site")["timeZone"] = "Asia/Kolkata";
            s["planning"] = JsonNode.Parse("""{ "start": "2026-03-29T00:00:00+05:30", "end": "2026-03-29T06:00:00+05:30", "slotMinutes": 60 }""");
        })), "$.planning.start: found \"2026-03-29T00:00:00+05:30\", which is not on the 60-minute grid: slots start every 60 minutes from midnight UTC"),
        ["scenario: currency that is no ISO code"] = (f => Plan(f, Scenario(s => s.At("tariff")["currency"] = "XYZ")), "$.tariff.currency: found \"XYZ\", expected an ISO 4217 currency code"),
        ["scenario: grid-signal ids twice"] = (f => Plan(f, Scenario(s => s["gridSignals"] = JsonNode.Parse("""
            [{ "id": "dr", "start": "2026-03-29T00:00:00+01:00", "end": "2026-03-29T01:00:00+01:00", "maxImportKw": 50 },
             { "id": "dr", "start": "2026-03-29T03:00:00+02:00", "end": "2026-03-29T04:00:00+02:00", "maxImportKw": 50 }]
            """))), "$.gridSignals[1].id: found \"dr\", the id of item 0 too"),
        ["scenario: file larger than 64 MiB"] = (f => ["plan", Sparse(f, "scenario.json", InputLimits.MaxInputBytes + 1L), "--out", f.File("plan.json")], "is 67,108,865 bytes, more than the 67,108,864 bytes (64 MiB) an input may hold"),

        // The site file of `simulate`.
        ["site: charger on an unknown circuit"] = (f => Simulate(f, site: Write(f, "site.json", """{"id":"s","timeZone":"UTC","gridLimitKw":10,"chargers":[{"id":"c","circuitId":"nowhere","maxCurrentA":16}]}""")), "$.site.chargers[0].circuitId: unknown circuit 'nowhere'"),
        ["site: more chargers than a site holds"] = (f => Simulate(f, site: Write(f, "site.json", "{\"id\":\"s\",\"timeZone\":\"UTC\",\"gridLimitKw\":10,\"chargers\":[" + string.Join(',', Enumerable.Repeat("0", InputLimits.MaxChargers + 1)) + "]}")), "$.site.chargers: holds 5,001 chargers"),

        // Tariff feeds, in every format.
        ["entsoe: foreign namespace"] = (f => Tariff(f, "entsoe", Entsoe().Replace("urn:iec62325.351:tc57wg16:451-3:publicationdocument:7:3", "urn:example:evil", StringComparison.Ordinal)), "line 2 /Publication_MarketDocument: is in the namespace \"urn:example:evil\""),
        ["entsoe: nested 30,000 deep"] = (f => Tariff(f, "entsoe", Entsoe().Replace("<revisionNumber>1</revisionNumber>", string.Concat(Enumerable.Repeat("<a>", 30_000)) + string.Concat(Enumerable.Repeat("</a>", 30_000)), StringComparison.Ordinal)), "is an element 33 deep: expected at most 32"),
        ["entsoe: not well-formed"] = (f => Tariff(f, "entsoe", Entsoe()[..500]), "is not a well-formed XML document"),
        ["entsoe: entity expansion"] = (f => Tariff(f, "entsoe", "<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY lol \"lol\">]><Publication_MarketDocument>&lol;</Publication_MarketDocument>"), "is not a well-formed XML document without a DTD"),
        ["awattar: timestamps in seconds"] = (f => Tariff(f, "awattar", Awattar(seconds: true)), "$.data[0].start_timestamp: is 1688248800, which as milliseconds is 1970-01-20T12:57:28Z: it looks like seconds since 1970"),
        ["awattar: overlapping intervals"] = (f => Tariff(f, "awattar", Awattar(seconds: false).Replace("\"start_timestamp\":1688252400000", "\"start_timestamp\":1688250600000", StringComparison.Ordinal)), "$.data[1]: runs from 2023-07-01T22:30:00Z"),
        ["energycharts: CSV with a repeated line"] = (f => Tariff(f, "energycharts", "start_utc,end_utc,price_eur_per_mwh\n2025-09-29T22:00:00Z,2025-09-29T23:00:00Z,100.3\n2025-09-29T22:00:00Z,2025-09-29T23:00:00Z,100.3\n"), "line 3: runs from 2025-09-29T22:00:00Z to 2025-09-29T23:00:00Z, overlapping line 2"),
        ["energyzero: overlapping intervals"] = (f => Tariff(f, "energyzero", TariffSamples.Text("energyzero-nl/rest_electricity_hour_2025-12-16_to_18.json").Replace("\"start\": \"2025-12-16T00:00:00Z\"", "\"start\": \"2025-12-15T23:30:00Z\"", StringComparison.Ordinal)), "$.base[1]: runs from 2025-12-15T23:30:00Z"),
        ["nordpool: currency €€€"] = (f => Tariff(f, "nordpool", TariffSamples.Text("nordpool/pynordpool_delivery_period_SE3_2024-11-05.json").Replace("\"currency\": \"EUR\"", "\"currency\": \"€€€\"", StringComparison.Ordinal), "--area", "SE3"), "$.currency: is \"€€€\": expected an ISO 4217 currency code"),
        ["nordpool: no --area"] = (f => Tariff(f, "nordpool", TariffSamples.Text("nordpool/pynordpool_delivery_period_SE3_2024-11-05.json")), "--area is required with --format nordpool"),
        ["octopus: interval that ends where it starts"] = (f => Tariff(f, "octopus", """{"results":[{"value_exc_vat":1,"value_inc_vat":1,"valid_from":"2020-05-25T21:30:00Z","valid_to":"2020-05-25T21:30:00Z"}]}"""), "$.results[0].valid_to: ends at 2020-05-25T21:30:00Z but starts at 2020-05-25T21:30:00Z"),
        ["tou: price beyond a decimal"] = (f => Tariff(f, "tou", """{"schedule":[{"id":"x","effective_start":"01-01","effective_end":"12-31","dow_mask":"ALL","times":[0],"tariffs":[1e309],"demand_charge":0}]}""", "--from", "2026-01-01", "--to", "2026-01-02"), "$.schedule[0].tariffs[0]: found 1e309"),
        ["tou: no --from and --to"] = (f => Tariff(f, "tou", TariffSamples.Text("tou-acnportal/sce_tou_ev_8_june_2019.json")), "--from and --to are required with --format tou"),
        ["tou: --to in 3020"] = (f => Tariff(f, "tou", TariffSamples.Text("tou-acnportal/sce_tou_ev_8_june_2019.json"), "--from", "2026-01-01", "--to", "3020-12-31"), "--from 2026-01-01 to --to 3020-12-31 is 363,416 days: a tariff is imported for at most 370 days"),
        ["tou: --from 0001-01-01 --to 9999-12-31"] = (f => Tariff(f, "tou", TariffSamples.Text("tou-acnportal/sce_tou_ev_8_june_2019.json"), "--from", "0001-01-01", "--to", "9999-12-31"), "--from: '0001-01-01' is not in the years 1900 to 9000"),
        ["tariff: 80 days of hours on minute slots"] = (f => Tariff(f, "awattar", HourlyCsv(days: 80), "--slot-minutes", "1"), "--slot-minutes 1: the prices from 2026-01-01T01:00:00+01:00 to 2026-03-22T01:00:00+01:00 make 115,200 slots, more than the 105,408 a tariff may hold"),

        // OpenADR events and SIMPLE levels of `signals import` and `simulate --signals`.
        ["openadr: truncated"] = (f => Signals(f, "[{\"id\": \"e1\""), "$: not valid JSON at line 1, byte 13 of the line"),
        ["openadr: overlapping intervals"] = (f => Signals(f, """
            {"id":"e1","programID":"p","intervals":[
              {"id":0,"intervalPeriod":{"start":"2026-03-10T00:00:00Z","duration":"PT2H"},"payloads":[{"type":"SIMPLE","values":[1]}]},
              {"id":1,"intervalPeriod":{"start":"2026-03-10T01:00:00Z","duration":"PT2H"},"payloads":[{"type":"SIMPLE","values":[2]}]}]}
            """), "$.intervals[1]: starts at 2026-03-10T01:00:00Z, inside $.intervals[0]"),
        ["openadr: more intervals than a document holds"] = (f => Signals(f, "{\"id\":\"e1\",\"programID\":\"p\",\"intervalPeriod\":{\"start\":\"2026-03-10T00:00:00Z\",\"duration\":\"PT1M\"},\"intervals\":[" + string.Join(',', Enumerable.Range(0, InputLimits.MaxSignalIntervals + 1).Select(i => "{\"id\":" + i + ",\"payloads\":[]}")) + "]}"), "$.intervals: holds 10,001 intervals"),
        ["openadr: price currency €€€"] = (f => Signals(f, OpenAdrSamples.UserGuide("ex-8.3-2_create-pricing-event.json").Replace("\"USD\"", "\"€€€\"", StringComparison.Ordinal)), "$.payloadDescriptors[0].currency: found \"€€€\""),
        ["openadr: control character in the id"] = (f => Signals(f, OpenAdrSamples.UserGuide("ex-8.2-1_create-simple-event.json").Replace("\"programID\":", "\"id\": \"e\\u001b[2J\", \"programID\":", StringComparison.Ordinal)), "$.id: found \"e\\u001B[2J\""),
        ["openadr: no --site"] = (f => ["signals", "import", SimpleEvent], "See 'scheduler signals import --help'"),
        ["levels: truncated"] = (f => ["signals", "import", SimpleEvent, "--site", "depot-1", "--levels", Write(f, "levels.json", "{\"1\": 4")], "$: not valid JSON at line 1, byte 8 of the line"),
        ["levels: level 7"] = (f => ["signals", "import", SimpleEvent, "--site", "depot-1", "--levels", Write(f, "levels.json", "{\"7\": 40}")], "$['7']: is not a SIMPLE level"),
        ["simulate signals: ids twice"] = (f => Simulate(f, signals: Write(f, "signals.json", """
            [{"id":"a","start":"2021-09-07T10:00:00-07:00","end":"2021-09-07T11:00:00-07:00","maxImportKw":20},
             {"id":"a","start":"2021-09-08T10:00:00-07:00","end":"2021-09-08T11:00:00-07:00","maxImportKw":20}]
            """)), "$[1].id: found \"a\", the id of item 0 too"),
        ["simulate signals: truncated"] = (f => Simulate(f, signals: Write(f, "signals.json", "[{\"id\": \"a\", \"start\"")), "$: not valid JSON at line 1, byte 21 of the line"),

        // Session histories, ACN-Data JSON and CSV.
        ["acn: truncated"] = (f => Simulate(f, sessions: Write(f, "sessions.json", SessionSamples.Text(SessionSamples.Jpl)[..1000])), "$: not valid JSON at line"),
        ["acn: stay of months"] = (f => Simulate(f, sessions: Write(f, "sessions.json", """[{"sessionID":"a","connectionTime":"Tue, 07 Sep 2021 13:59:06 GMT","disconnectTime":"Sun, 07 Nov 2021 13:59:06 GMT","kWhDelivered":1}]""")), "$[0].disconnectTime: is 2021-11-07T13:59:06Z, 61 days after connectionTime"),
        ["csv: reaching the year 9999"] = (f => Simulate(f, sessions: Write(f, "sessions.csv", "arrival,departure,energyKwh\n2021-09-06T08:00:00-07:00,9999-12-31T23:00:00-07:00,10\n")), "line 2, column departure: is \"9999-12-31T23:00:00-07:00\": expected a time in the years 1900 to 9000"),
        ["csv: spanning 1,000 years"] = (f => Simulate(f, sessions: Write(f, "sessions.csv", "arrival,departure,energyKwh\n2021-09-06T08:00:00-07:00,2021-09-06T17:00:00-07:00,10\n3021-09-06T08:00:00-07:00,3021-09-06T17:00:00-07:00,10\n"), dated: false), "give --from and --to: a replay covers at most 366 days"),
        ["csv: decimal comma"] = (f => Simulate(f, sessions: Write(f, "sessions.csv", "arrival,departure,energyKwh\n2021-09-06T08:00:00-07:00,2021-09-06T17:00:00-07:00,7,5\n")), "line 2: has 4 cells: expected 3"),
        ["csv: more sessions than a history holds"] = (f => Simulate(f, sessions: Write(f, "sessions.csv", "arrival,departure,energyKwh\n" + string.Concat(Enumerable.Repeat("2021-09-06T08:00:00-07:00,2021-09-06T17:00:00-07:00,10\n", InputLimits.MaxHistorySessions + 1)))), "line 2: starts 100,001 sessions, more than the 100,000 a history may hold"),

        // Options.
        ["option: --time-limit 0"] = (f => ["plan", Write(f, "scenario.json", Minimal()), "--time-limit", "0", "--out", f.File("plan.json")], "--time-limit: '0' is not a time limit"),
        ["option: --ocpp 3.0"] = (f => ["plan", Write(f, "scenario.json", Minimal()), "--ocpp", "3.0", "--out", f.File("plan.json")], "--ocpp: '3.0' is not an OCPP version"),
        ["option: --zone Europe/Atlantis"] = (f => ["tariff", "import", TariffSamples.PathOf("entsoe/hass-entso-e_BE_60M.xml"), "--format", "entsoe", "--zone", "Europe/Atlantis"], "--zone: unknown time zone 'Europe/Atlantis'"),
        ["option: --slot-minutes 7"] = (f => ["tariff", "import", TariffSamples.PathOf("entsoe/hass-entso-e_BE_60M.xml"), "--format", "entsoe", "--zone", "Europe/Brussels", "--slot-minutes", "7"], "--slot-minutes: 7 does not divide an hour"),
        ["option: --horizon-hours 0"] = (f => ["signals", "import", SimpleEvent, "--site", "depot-1", "--horizon-hours", "0"], "--horizon-hours: 0 is not a horizon"),
        ["option: --now without an offset"] = (f => ["signals", "import", SimpleEvent, "--site", "depot-1", "--now", "2026-03-10T18:00"], "--now: '2026-03-10T18:00' is not an ISO 8601 instant with an offset"),
        ["option: --from and --to over two years"] = (f => Simulate(f, dated: false, extra: ["--from", "2021-01-01", "--to", "2022-12-31"]), "--from 2021-01-01 to --to 2022-12-31 is 730 days: a replay covers at most 366 days"),
        ["option: --departure-margin 2"] = (f => Simulate(f, extra: ["--departure-margin", "2"]), "--departure-margin 2 is outside 0 to 0.9"),
        ["option: --sizes 100000"] = (f => ["bench", "--sizes", "100000"], "--sizes: '100000' is not a size"),
    };

    public static TheoryData<string> Cases => [.. Corpus.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_BadInput_ExitsWithBadInputNamingThePlaceAndWritingNothing(string name)
    {
        using var folder = new TempFolder();
        var (args, place) = Corpus[name];
        var arguments = args(folder);
        var inputs = folder.FileNames();

        var run = CliRun.Of(arguments);

        Assert.True(run.ExitCode == ExitCodes.BadInput, $"exit {run.ExitCode}: {run.Error}");
        Assert.Contains(place, run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
        Assert.Equal(inputs, folder.FileNames());
        Assert.DoesNotContain(run.Error, c => char.IsControl(c) && c is not '\n' and not '\r');
    }

    [Theory]
    [InlineData("plan")]
    [InlineData("tariff")]
    [InlineData("signals")]
    public void Run_AnyDamagedInput_IsAPlanOrBadInputNeverAnInternalError(string command)
    {
        using var folder = new TempFolder();
        var (source, args) = command switch
        {
            "plan" => (ScenarioSamples.Full().ToJsonString(), new[] { "plan", folder.File("input") }),
            "tariff" => (TariffSamples.Text("tou-acnportal/pge_a10_tou_aug_2019.json"), new[] { "tariff", "import", folder.File("input"), "--format", "tou", "--zone", "America/Los_Angeles", "--from", "2019-08-01", "--to", "2019-08-02" }),
            _ => (OpenAdrSamples.UserGuide("ex-8.10.1-1_create-capacity-limit-event.json"), new[] { "signals", "import", folder.File("input"), "--site", "depot-1", "--now", "2023-02-09T00:00:00Z" }),
        };

        foreach (var (what, text) in Scheduler.Tests.Support.Damage.Of(source, 120))
        {
            File.WriteAllText(folder.File("input"), text, new UTF8Encoding(false));

            var run = CliRun.Of(args);

            Assert.True(run.ExitCode is ExitCodes.Success or ExitCodes.BadInput, $"{what}: exit {run.ExitCode}: {run.Error}");
        }
    }

    [Fact]
    public void Corpus_CoversEveryFormatAndOption()
    {
        var formats = Corpus.Keys.Select(k => k[..k.IndexOf(':', StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal) { "scenario", "site", "entsoe", "awattar", "energycharts", "energyzero", "nordpool", "octopus", "tou", "openadr", "levels", "acn", "csv", "option" },
            formats);
    }

    private static string Minimal() => ScenarioSamples.Minimal().ToJsonString();

    private static string Scenario(Action<JsonObject> change)
    {
        var json = ScenarioSamples.Minimal();
        change(json);
        return json.ToJsonString();
    }

    private static string Entsoe() => TariffSamples.Text("entsoe/hass-entso-e_BE_60M.xml");

    private static string Awattar(bool seconds)
    {
        var node = JsonNode.Parse(TariffSamples.Text("awattar-at/raw-cache60/2023-07-02_1688248800000.json"))!;
        if (seconds)
        {
            foreach (var entry in node["data"]!.AsArray())
            {
                entry!["start_timestamp"] = entry["start_timestamp"]!.GetValue<long>() / 1000;
                entry["end_timestamp"] = entry["end_timestamp"]!.GetValue<long>() / 1000;
            }
        }

        return node.ToJsonString();
    }

    private static string HourlyCsv(int days)
    {
        var start = NodaTime.Instant.FromUtc(2026, 1, 1, 0, 0);
        var lines = Enumerable.Range(0, days * 24).Select(h =>
            $"{NodaTime.Text.InstantPattern.ExtendedIso.Format(start + NodaTime.Duration.FromHours(h))},{NodaTime.Text.InstantPattern.ExtendedIso.Format(start + NodaTime.Duration.FromHours(h + 1))},50");
        return "start_utc,end_utc,price_eur_per_mwh\n" + string.Join('\n', lines) + "\n";
    }

    private static string[] Plan(TempFolder folder, string scenario) => ["plan", Write(folder, "scenario.json", scenario), "--out", folder.File("plan.json")];

    private static string[] Plan(TempFolder folder, byte[] scenario)
    {
        File.WriteAllBytes(folder.File("scenario.json"), scenario);
        return ["plan", folder.File("scenario.json"), "--out", folder.File("plan.json")];
    }

    private static string[] Tariff(TempFolder folder, string format, string feed, params string[] extra) =>
        ["tariff", "import", Write(folder, "feed", feed), "--format", format, "--zone", "Europe/Vienna", .. extra];

    private static string[] Signals(TempFolder folder, string events) => ["signals", "import", Write(folder, "events.json", events), "--site", "depot-1"];

    private static string[] Simulate(TempFolder folder, string? sessions = null, string? site = null, string? signals = null, bool dated = true, string[]? extra = null) =>
    [
        "simulate", "--sessions", sessions ?? Jpl, "--site", site ?? GarageSite, "--tariff", SceTou, "--tariff-format", "tou",
        .. dated ? ["--from", "2021-09-08", "--to", "2021-09-08"] : Array.Empty<string>(),
        .. signals is null ? Array.Empty<string>() : ["--signals", signals],
        .. extra ?? [],
        "--out", folder.File("result.json"), "--plot", folder.File("chart.png"),
    ];

    private static string Write(TempFolder folder, string name, string text)
    {
        File.WriteAllText(folder.File(name), text, new UTF8Encoding(false));
        return folder.File(name);
    }

    /// <summary>A file of <paramref name="length"/> bytes that takes no room on disk: only its size matters.</summary>
    private static string Sparse(TempFolder folder, string name, long length)
    {
        using (var stream = File.Create(folder.File(name)))
        {
            stream.SetLength(length);
        }

        return folder.File(name);
    }
}
