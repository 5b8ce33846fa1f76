using Scheduler.Optimizer.Solving.Grid;

namespace Scheduler.Optimizer.Solving;

/// <summary>
/// A whole-amp current for every session in every slot it covers, with the load it puts on every circuit, phase
/// and slot kept up to date, so that a stage can ask how many more amps fit anywhere in constant time.
/// </summary>
internal sealed class Schedule
{
    private readonly double[][][] _circuitA;
    private readonly double[] _siteKw;
    private readonly double[] _averageKw;
    private List<(int Session, int Local, int Before)>? _journal;

    public Schedule(SlotModel model)
    {
        Model = model;
        Currents = model.Sessions.Select(s => new int[s.Length]).ToArray();
        _circuitA = Grid.Loads.PerCircuitPhaseSlot(model);
        _siteKw = new double[model.SlotCount];
        _averageKw = new double[model.SlotCount];
    }

    /// <summary>Per session, the current in each covered slot (local index).</summary>
    public int[][] Currents { get; }

    public SlotModel Model { get; }

    /// <summary>
    /// Starts a trial: every change from now on is recorded, and <see cref="RollBack"/> undoes them all. A trial costs
    /// what it changes, where a copy of the schedule costs every current of the site.
    /// </summary>
    /// <exception cref="InvalidOperationException">A trial is open already.</exception>
    public void BeginTrial()
    {
        if (_journal is not null)
        {
            throw new InvalidOperationException("A trial is open already.");
        }

        _journal = [];
    }

    /// <summary>Ends the trial and keeps its changes.</summary>
    public void Keep() => _journal = null;

    /// <summary>Ends the trial and undoes its changes, latest first.</summary>
    public void RollBack()
    {
        var journal = _journal ?? throw new InvalidOperationException("No trial is open.");
        _journal = null;
        for (var n = journal.Count - 1; n >= 0; n--)
        {
            var (i, j, before) = journal[n];
            Set(i, j, before);
        }
    }

    /// <summary>The average import of slot k: base load plus charging weighted by coverage, in kW.</summary>
    public double AverageImportKw(int k) => Model.BaseAverageKw[k] + _averageKw[k];

    /// <summary>The charging power in slot k while the sessions draw, in kW.</summary>
    public double ChargingKw(int k) => _siteKw[k];

    /// <summary>The highest average import over the window.</summary>
    public double PeakKw()
    {
        var peak = 0.0;
        for (var k = 0; k < Model.SlotCount; k++)
        {
            peak = Math.Max(peak, AverageImportKw(k));
        }

        return peak;
    }

    /// <summary>Per demand term, the peak it is billed at now: its recorded peak or the highest covered import, whichever is higher.</summary>
    public double[] DemandPeaksKw()
    {
        var peaks = new double[Model.DemandTerms.Length];
        for (var d = 0; d < peaks.Length; d++)
        {
            var term = Model.DemandTerms[d];
            peaks[d] = term.PeakSoFarKw;
            foreach (var k in term.Slots)
            {
                peaks[d] = Math.Max(peaks[d], AverageImportKw(k));
            }
        }

        return peaks;
    }

    /// <summary>What the demand terms bill for the schedule's peaks: each its price times the peak above what it recorded.</summary>
    public double DemandCost()
    {
        var peaks = DemandPeaksKw();
        var cost = 0.0;
        for (var d = 0; d < peaks.Length; d++)
        {
            cost += Model.DemandTerms[d].PerKw * (peaks[d] - Model.DemandTerms[d].PeakSoFarKw);
        }

        return cost;
    }

    public double EnergyKwh(int i)
    {
        var s = Model.Sessions[i];
        var energy = 0.0;
        for (var j = 0; j < s.Length; j++)
        {
            energy += Currents[i][j] * s.KwhPerAmp[j];
        }

        return energy;
    }

    /// <summary>What session i still lacks of its target, in kWh (negative when it gets more).</summary>
    public double MissingKwh(int i) => Model.Sessions[i].TargetKwh - EnergyKwh(i);

    /// <summary>The amps still free on circuit c's phase p in slot k.</summary>
    public double CircuitRoomA(int c, int p, int k) => Model.Circuits[c].LimitA - (Model.CircuitUsed[c] ? _circuitA[c][p][k] : 0);

    /// <summary>How many amps session i could add in its local slot j without breaking any circuit or site limit, or its maximum.</summary>
    public int Headroom(int i, int j)
    {
        var s = Model.Sessions[i];
        var k = s.First + j;
        return WholeAmps(Math.Min(CircuitCapA(i, j), (Model.HeadroomKw[k] - _siteKw[k]) / s.KwPerAmp));
    }

    /// <summary>How many amps session i could add in its local slot j within its circuits and its maximum, whatever the site's import limit leaves.</summary>
    public int CircuitHeadroom(int i, int j) => WholeAmps(CircuitCapA(i, j));

    private static int WholeAmps(double a) => Math.Max(0, (int)Math.Floor(a + Tolerance.Amps));

    private double CircuitCapA(int i, int j)
    {
        var s = Model.Sessions[i];
        var k = s.First + j;
        var cap = (double)(s.MaxA - Currents[i][j]);
        foreach (var c in s.CircuitChain)
        {
            for (var p = 0; p < 3; p++)
            {
                if ((s.PhaseMask & (1 << p)) != 0)
                {
                    cap = Math.Min(cap, Model.Circuits[c].LimitA - _circuitA[c][p][k]);
                }
            }
        }

        return cap;
    }

    /// <summary>How many amps session i could add in local slot j before the slot's average import passes <paramref name="capKw"/> (+∞: no cap).</summary>
    public int RoomUnder(int i, int j, double capKw)
    {
        if (double.IsPositiveInfinity(capKw))
        {
            return int.MaxValue;
        }

        var s = Model.Sessions[i];
        var perAmp = s.KwPerAmp * s.Coverage[j];
        return Math.Max(0, (int)Math.Floor(((capKw - AverageImportKw(s.First + j)) / perAmp) + Tolerance.Amps));
    }

    public void Set(int i, int j, int currentA)
    {
        var s = Model.Sessions[i];
        var delta = currentA - Currents[i][j];
        if (delta == 0)
        {
            return;
        }

        var k = s.First + j;
        _journal?.Add((i, j, Currents[i][j]));
        Currents[i][j] = currentA;
        foreach (var c in s.CircuitChain)
        {
            for (var p = 0; p < 3; p++)
            {
                if ((s.PhaseMask & (1 << p)) != 0)
                {
                    _circuitA[c][p][k] += delta;
                }
            }
        }

        _siteKw[k] += delta * s.KwPerAmp;
        _averageKw[k] += delta * s.KwPerAmp * s.Coverage[j];
    }

    /// <summary>The first limit slot k breaks, or null when it keeps them all.</summary>
    public LimitBreach? BreachIn(int k)
    {
        for (var c = 0; c < Model.Circuits.Length; c++)
        {
            for (var p = 0; p < 3 && Model.CircuitUsed[c]; p++)
            {
                var excess = _circuitA[c][p][k] - Model.Circuits[c].LimitA;
                if (excess > Tolerance.Limit)
                {
                    return new LimitBreach(k, c, p, excess);
                }
            }
        }

        var siteExcess = _siteKw[k] - Model.HeadroomKw[k];
        return siteExcess > Tolerance.Limit ? new LimitBreach(k, LimitBreach.Site, 0, siteExcess) : null;
    }

    /// <summary>Whether session i loads the limit of <paramref name="breach"/>.</summary>
    public bool Loads(int i, LimitBreach breach)
    {
        var s = Model.Sessions[i];
        return breach.Circuit == LimitBreach.Site
            || ((s.PhaseMask & (1 << breach.Phase)) != 0 && Array.IndexOf(s.CircuitChain, breach.Circuit) >= 0);
    }
}
