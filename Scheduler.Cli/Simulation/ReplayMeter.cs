namespace Scheduler.Cli.Simulation;

/// <summary>What one strategy did in a replay: energy per session, cost, load per slot and limits broken.</summary>
internal sealed class ReplayMeter
{
    private readonly ReplayGrid _grid;

    public ReplayMeter(ReplayGrid grid)
    {
        _grid = grid;
        DeliveredKwh = new double[grid.Sessions.Count];
        SlotChargingKwh = new double[(grid.Minutes + grid.SlotMinutes - 1) / grid.SlotMinutes];
        SlotEnergyCost = new double[SlotChargingKwh.Length];
    }

    /// <summary>The energy each session has taken so far, in kWh.</summary>
    public double[] DeliveredKwh { get; }

    /// <summary>The charging energy of each slot, in kWh.</summary>
    public double[] SlotChargingKwh { get; }

    /// <summary>The cost of each slot's charging energy.</summary>
    public double[] SlotEnergyCost { get; }

    /// <summary>The cost of the charging energy so far.</summary>
    public double EnergyCost { get; private set; }

    /// <summary>Minute-limits broken (one per circuit phase or site limit, per minute).</summary>
    public int Violations { get; private set; }

    /// <summary>Replays every minute of the grid with a strategy.</summary>
    public static ReplayMeter Run(ReplayGrid grid, IReplayStrategy strategy, Action<int>? progress = null)
    {
        var meter = new ReplayMeter(grid);
        var currents = new double[grid.Electrics.ChargerCount];
        var owner = new int[currents.Length];
        for (var m = 0; m < grid.Minutes; m++)
        {
            strategy.BeginMinute(m, meter);
            Array.Clear(currents);
            Array.Fill(owner, -1);
            for (var s = 0; s < grid.Sessions.Count; s++)
            {
                var session = grid.Sessions[s];
                if (!session.IsPresent(m))
                {
                    continue;
                }

                // The vehicle takes no more than it really took: a full battery stops drawing whatever the limit says.
                var remaining = session.History.EnergyKwh - meter.DeliveredKwh[s];
                var kwPerAmp = grid.Electrics.KwPerAmp(session.Charger);
                var cap = remaining > 1e-9 ? remaining * 60 / kwPerAmp : 0;
                var maxA = grid.Input.Site.Chargers[session.Charger].MaxCurrentA;
                currents[session.Charger] = Math.Max(0, Math.Min(Math.Min(strategy.DesiredCurrentA(s, m), maxA), cap));
                owner[session.Charger] = s;
            }

            if (strategy.ClippedBySite)
            {
                grid.Electrics.Clip(currents, grid.HeadroomKw[m]);
            }

            meter.Violations += grid.Electrics.Violations(currents, grid.HeadroomKw[m]);
            for (var c = 0; c < currents.Length; c++)
            {
                if (owner[c] < 0 || currents[c] <= 0)
                {
                    continue;
                }

                var kwh = currents[c] * grid.Electrics.KwPerAmp(c) / 60;
                meter.DeliveredKwh[owner[c]] += kwh;
                meter.EnergyCost += kwh * grid.PricePerKwh[m];
                meter.SlotChargingKwh[m / grid.SlotMinutes] += kwh;
                meter.SlotEnergyCost[m / grid.SlotMinutes] += kwh * grid.PricePerKwh[m];
            }

            progress?.Invoke(m);
        }

        return meter;
    }

    /// <summary>The site's import per slot, charging and base load, as slot averages in kW.</summary>
    public double[] SlotImportKw() => [.. Enumerable.Range(0, SlotChargingKwh.Length).Select(SlotImportKw)];

    /// <summary>The site's average import over slot <paramref name="slot"/> (charging and base load) as metered so far, in kW.</summary>
    public double SlotImportKw(int slot)
    {
        var from = slot * _grid.SlotMinutes;
        var to = Math.Min(_grid.Minutes, from + _grid.SlotMinutes);
        var baseKwh = 0.0;
        for (var m = from; m < to; m++)
        {
            baseKwh += _grid.BaseLoadKw[m] / 60;
        }

        return (SlotChargingKwh[slot] + baseKwh) / ((to - from) / 60.0);
    }
}
