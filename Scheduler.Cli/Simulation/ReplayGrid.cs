using NodaTime;
using Scheduler.Optimizer.Model;

namespace Scheduler.Cli.Simulation;

/// <summary>
/// The replay's minute grid: the sessions placed on chargers, and per minute the price, the site's headroom for
/// charging (its import limit, tightened by demand-response events, less the base load) and the base load.
/// </summary>
internal sealed class ReplayGrid
{
    private ReplayGrid(SimulationInput input, SiteElectrics electrics, IReadOnlyList<ReplaySession> sessions, double[] price, double[] headroomKw, double[] baseKw, IReadOnlyList<string> warnings)
    {
        Input = input;
        Electrics = electrics;
        Sessions = sessions;
        PricePerKwh = price;
        HeadroomKw = headroomKw;
        BaseLoadKw = baseKw;
        Warnings = warnings;
        SessionIndex = sessions.Select((s, i) => (s.History.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
    }

    public SimulationInput Input { get; }

    public SiteElectrics Electrics { get; }

    public IReadOnlyList<ReplaySession> Sessions { get; }

    public double[] PricePerKwh { get; }

    public double[] HeadroomKw { get; }

    public double[] BaseLoadKw { get; }

    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The position of each session in <see cref="Sessions"/>, by its id.</summary>
    public IReadOnlyDictionary<string, int> SessionIndex { get; }

    public int Minutes => PricePerKwh.Length;

    public int SlotMinutes => (int)Input.SlotLength.TotalMinutes;

    public Instant At(int minute) => Input.Start + Duration.FromMinutes(minute);

    /// <summary>Places the history on the grid.</summary>
    /// <exception cref="ArgumentException">The tariff does not price every minute of the replay.</exception>
    public static ReplayGrid Build(SimulationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var minutes = (int)(input.End - input.Start).TotalMinutes;
        var price = new double[minutes];
        var priced = new bool[minutes];
        foreach (var interval in input.Tariff.Prices)
        {
            ForMinutes(input, interval.Start, interval.End, minutes, m =>
            {
                price[m] = interval.PerKwh;
                priced[m] = true;
            });
        }

        var gap = Array.IndexOf(priced, false);
        if (gap >= 0)
        {
            throw new ArgumentException($"the tariff has no price at {input.Start + Duration.FromMinutes(gap)}, inside the replay", nameof(input));
        }

        var baseKw = new double[minutes];
        foreach (var load in input.Site.BaseLoad)
        {
            ForMinutes(input, load.Start, load.End, minutes, m => baseKw[m] = Math.Max(baseKw[m], load.Kw));
        }

        var limitKw = Enumerable.Repeat(input.Site.GridLimitKw, minutes).ToArray();
        foreach (var signal in input.GridSignals)
        {
            ForMinutes(input, signal.Start, signal.End, minutes, m => limitKw[m] = Math.Min(limitKw[m], signal.MaxImportKw));
        }

        var headroom = limitKw.Select((l, m) => l - baseKw[m]).ToArray();
        var electrics = new SiteElectrics(input.Site);
        var (sessions, warnings) = Place(input, electrics, minutes);
        return new ReplayGrid(input, electrics, sessions, price, headroom, baseKw, warnings);
    }

    // Each vehicle takes its own charger where the site has it and it is free, else the first free one.
    private static (IReadOnlyList<ReplaySession>, IReadOnlyList<string>) Place(SimulationInput input, SiteElectrics electrics, int minutes)
    {
        var chargers = input.Site.Chargers;
        var index = chargers.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var freeFrom = new int[chargers.Count];
        var placed = new List<ReplaySession>();
        var unplaced = 0;
        foreach (var history in input.Sessions.Where(s => s.Departure > input.Start && s.Arrival < input.End).OrderBy(s => s.Arrival).ThenBy(s => s.Id, StringComparer.Ordinal))
        {
            var arrival = Math.Max(0, (int)Math.Ceiling((history.Arrival - input.Start).TotalMinutes));
            var departure = Math.Min(minutes, (int)Math.Floor((history.Departure - input.Start).TotalMinutes));
            if (departure <= arrival)
            {
                continue;
            }

            var charger = history.ChargerId is { } own && index.TryGetValue(own, out var ownIndex) && freeFrom[ownIndex] <= arrival
                ? ownIndex
                : Array.FindIndex(freeFrom, f => f <= arrival);
            if (charger >= 0)
            {
                freeFrom[charger] = departure;
            }
            else
            {
                unplaced++;
            }

            var asked = history.Announcements.LastOrDefault(a => a.At <= history.Arrival)?.EnergyKwh
                ?? history.Announcements.FirstOrDefault()?.EnergyKwh
                ?? input.DefaultEnergyKwh;
            // What the driver could fairly expect: what they asked for, what the vehicle took, and what the charger could give in the stay.
            var deliverable = charger < 0 ? 0 : chargers[charger].MaxCurrentA * electrics.KwPerAmp(charger) * (departure - arrival) / 60.0;
            placed.Add(new ReplaySession(history, charger, arrival, departure, deliverable, Math.Min(Math.Min(asked, history.EnergyKwh), deliverable)));
        }

        IReadOnlyList<string> warnings = unplaced == 0
            ? []
            : [$"{unplaced} session(s) found every charger taken and were not charged by any strategy"];
        return (placed, warnings);
    }

    private static void ForMinutes(SimulationInput input, Instant start, Instant end, int minutes, Action<int> apply)
    {
        var from = Math.Max(0, (int)Math.Floor((start - input.Start).TotalMinutes));
        var to = Math.Min(minutes, (int)Math.Ceiling((end - input.Start).TotalMinutes));
        for (var m = from; m < to; m++)
        {
            apply(m);
        }
    }
}
