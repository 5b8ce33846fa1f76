using NodaTime;
using NodaTime.Text;
using Scheduler.Optimizer.Model;

namespace Scheduler.Tests.Support;

/// <summary>
/// A terse way to write test problems. Times are minutes from the window's start; the defaults are a UTC site at
/// 230 V with a 1,000 kW connection, four 15-minute slots from 2026-03-02 08:00Z, and a flat price of 0.25 EUR.
/// </summary>
/// <example>
/// <code>
/// var problem = new ProblemBuilder()
///     .Slots(4)
///     .Circuit("feeder", 32)
///     .Charger("cp1", maxA: 32, circuit: "feeder")
///     .SlotPrices(0.30, 0.30, 0.10, 0.20)
///     .Session("s1", "cp1", arrive: 0, depart: 60, kwh: 4.14, maxA: 16)
///     .Build();
/// </code>
/// </example>
public sealed class ProblemBuilder
{
    /// <summary>The default window start, a Monday 08:00 UTC.</summary>
    public static readonly Instant DefaultStart = Instant.FromUtc(2026, 3, 2, 8, 0);

    /// <summary>ISO times with an offset or Z, with or without seconds.</summary>
    private static readonly OffsetDateTimePattern[] OffsetPatterns =
    [
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
        OffsetDateTimePattern.ExtendedIso,
    ];

    /// <summary>A local time to the minute.</summary>
    private static readonly LocalDateTimePattern LocalMinutePattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    private readonly List<Circuit> _circuits = [];
    private readonly List<Charger> _chargers = [];
    private readonly List<(int From, int To, double Kw)> _baseLoad = [];
    private readonly List<(string Id, int From, int To, double Kw)> _signals = [];
    private readonly List<(int From, int To, double PerKwh)> _prices = [];
    private readonly List<SessionSpec> _sessions = [];
    private readonly List<(string Id, double PerKw, double PeakSoFarKw, (int From, int To)[] Intervals)> _demandCharges = [];
    private DateTimeZone _zone = DateTimeZone.Utc;
    private Instant? _start;
    private LocalDateTime? _localStart;
    private LocalDateTime? _localEnd;
    private int _slotCount = 4;
    private int _slotMinutes = 15;
    private double _voltageV = Site.DefaultVoltageV;
    private double _gridLimitKw = 1_000;
    private double _demandChargePerKw;
    private double[]? _slotPrices;
    private double _flatPrice = 0.25;

    /// <summary>Reads the site's local times in this IANA zone (and makes it the site's zone).</summary>
    public ProblemBuilder InZone(string tzdbId)
    {
        _zone = DateTimeZoneProviders.Tzdb[tzdbId];
        return this;
    }

    /// <summary>Starts the window at an instant.</summary>
    public ProblemBuilder StartingAt(Instant start)
    {
        _start = start;
        _localStart = null;
        return this;
    }

    /// <summary>
    /// Starts the window at an ISO time: with an offset or <c>Z</c> it is an instant; without, a local time in the
    /// site's zone (see <see cref="InZone"/>), which must exist and be unambiguous there.
    /// </summary>
    public ProblemBuilder StartingAt(string when)
    {
        if (TryParseInstant(when, out var instant))
        {
            return StartingAt(instant);
        }

        _localStart = ParseLocal(when);
        _start = null;
        return this;
    }

    /// <summary>Ends the window at a local time in the site's zone, e.g. the next midnight of a 23- or 25-hour day; overrides <see cref="Slots"/>' count.</summary>
    public ProblemBuilder EndingAtLocal(string localTime)
    {
        _localEnd = ParseLocal(localTime);
        return this;
    }

    /// <summary>The number of slots and their length in minutes (default 4 × 15).</summary>
    public ProblemBuilder Slots(int count, int minutes = 15)
    {
        _slotCount = count;
        _slotMinutes = minutes;
        return this;
    }

    /// <summary>The phase-to-neutral voltage (default 230 V).</summary>
    public ProblemBuilder Voltage(double volts)
    {
        _voltageV = volts;
        return this;
    }

    /// <summary>The grid connection's import limit (default 1,000 kW).</summary>
    public ProblemBuilder GridLimit(double kw)
    {
        _gridLimitKw = kw;
        return this;
    }

    /// <summary>Adds a circuit with a per-phase limit.</summary>
    public ProblemBuilder Circuit(string id, double maxA, string? parent = null)
    {
        _circuits.Add(new Circuit(id, parent, maxA));
        return this;
    }

    /// <summary>Adds a charger.</summary>
    public ProblemBuilder Charger(
        string id,
        double maxA = 32,
        string? circuit = null,
        int phases = 3,
        PhaseRotation rotation = PhaseRotation.RST,
        double minA = Scheduler.Optimizer.Model.Charger.DefaultMinCurrentA)
    {
        _chargers.Add(new Charger(id, circuit, maxA, minA, phases, rotation));
        return this;
    }

    /// <summary>One price for the whole window (the default is 0.25).</summary>
    public ProblemBuilder FlatPrice(double perKwh)
    {
        _flatPrice = perKwh;
        _slotPrices = null;
        return this;
    }

    /// <summary>One price per slot, as many as there are slots.</summary>
    public ProblemBuilder SlotPrices(params double[] perKwh)
    {
        _slotPrices = perKwh;
        return this;
    }

    /// <summary>A price from one minute to another; these replace the flat and slot prices, and must cover the window.</summary>
    public ProblemBuilder Price(int fromMinute, int toMinute, double perKwh)
    {
        _prices.Add((fromMinute, toMinute, perKwh));
        return this;
    }

    /// <summary>The price per kW of the peak import over every slot, nothing recorded yet (default 0: none).</summary>
    public ProblemBuilder DemandCharge(double perKw)
    {
        _demandChargePerKw = perKw;
        return this;
    }

    /// <summary>Adds a demand charge over the given minute ranges (none: every slot), with a peak already recorded.</summary>
    public ProblemBuilder DemandCharge(string id, double perKw, double peakSoFarKw = 0, params (int From, int To)[] intervals)
    {
        _demandCharges.Add((id, perKw, peakSoFarKw, intervals));
        return this;
    }

    /// <summary>Adds a base-load interval.</summary>
    public ProblemBuilder BaseLoad(int fromMinute, int toMinute, double kw)
    {
        _baseLoad.Add((fromMinute, toMinute, kw));
        return this;
    }

    /// <summary>Adds a grid signal (demand-response limit on import).</summary>
    public ProblemBuilder Signal(int fromMinute, int toMinute, double maxImportKw, string? id = null)
    {
        _signals.Add((id ?? $"dr-{_signals.Count + 1}", fromMinute, toMinute, maxImportKw));
        return this;
    }

    /// <summary>Adds a session; arrival and departure are minutes from the window's start (negative is before it).</summary>
    public ProblemBuilder Session(string id, string charger, int arrive, int depart, double kwh, double maxA = 32, int phases = 3, double? minA = null)
    {
        _sessions.Add(new SessionSpec(id, charger, arrive, depart, kwh, maxA, phases, minA));
        return this;
    }

    /// <summary>The window's start as it will be built.</summary>
    public Instant Start => _start ?? (_localStart is { } local ? Resolve(local) : DefaultStart);

    /// <summary>The instant <paramref name="minute"/> minutes after the window's start.</summary>
    public Instant At(int minute) => Start + Duration.FromMinutes(minute);

    /// <summary>Makes the problem; the model's constructors check every value.</summary>
    public PlanningProblem Build()
    {
        var start = Start;
        var slot = Duration.FromMinutes(_slotMinutes);
        var end = _localEnd is { } localEnd ? Resolve(localEnd) : start + (slot * _slotCount);
        var window = new PlanningWindow(start, end, slot);
        var site = new Site(
            "site",
            _zone,
            _voltageV,
            _gridLimitKw,
            _circuits.ToList(),
            _chargers.ToList(),
            _baseLoad.Select(b => new BaseLoadInterval(At(b.From), At(b.To), b.Kw)).ToList());
        var charges = _demandCharges
            .Select(d => new DemandCharge(d.Id, d.PerKw, d.Intervals.Select(i => new Interval(At(i.From), At(i.To))).ToList(), d.PeakSoFarKw));
        if (_demandChargePerKw > 0)
        {
            charges = charges.Prepend(new DemandCharge(Scheduler.Optimizer.Model.DemandCharge.AllHoursId, _demandChargePerKw));
        }

        var tariff = new Tariff("EUR", Prices(window), charges.ToList());
        var signals = _signals.Select(s => new GridSignal(s.Id, At(s.From), At(s.To), s.Kw)).ToList();
        var sessions = _sessions
            .Select(s => new Session(s.Id, s.Charger, At(s.Arrive), At(s.Depart), s.Kwh, s.MaxA, s.Phases, minCurrentA: s.MinA))
            .ToList();
        return new PlanningProblem(site, tariff, signals, sessions, window);
    }

    private List<PriceInterval> Prices(PlanningWindow window)
    {
        if (_prices.Count > 0)
        {
            return _prices.Select(p => new PriceInterval(At(p.From), At(p.To), p.PerKwh)).ToList();
        }

        if (_slotPrices is { } perSlot)
        {
            if (perSlot.Length != window.SlotCount)
            {
                throw new InvalidOperationException($"{perSlot.Length} slot prices for {window.SlotCount} slots");
            }

            return perSlot.Select((p, k) => new PriceInterval(window.SlotStart(k), window.SlotEnd(k), p)).ToList();
        }

        return [new PriceInterval(window.Start - Duration.FromDays(1), window.End + Duration.FromDays(1), _flatPrice)];
    }

    private Instant Resolve(LocalDateTime local) => local.InZoneStrictly(_zone).ToInstant();

    private static bool TryParseInstant(string text, out Instant instant)
    {
        foreach (var pattern in OffsetPatterns)
        {
            var result = pattern.Parse(text);
            if (result.Success)
            {
                instant = result.Value.ToInstant();
                return true;
            }
        }

        instant = default;
        return false;
    }

    private static LocalDateTime ParseLocal(string text)
    {
        var minutes = LocalMinutePattern.Parse(text);
        return minutes.Success ? minutes.Value : LocalDateTimePattern.ExtendedIso.Parse(text).GetValueOrThrow();
    }

    private sealed record SessionSpec(string Id, string Charger, int Arrive, int Depart, double Kwh, double MaxA, int Phases, double? MinA);
}
