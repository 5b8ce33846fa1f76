namespace Scheduler.Optimizer.Solving;

/// <summary>
/// A whole-amp current for every session in every slot it covers, with the load it puts on every circuit,
/// phase and slot kept up to date, so that a stage can ask how many more amps fit anywhere in constant time.
/// </summary>
internal sealed class Schedule
{
    private const double Tolerance = 1e-9;

    private readonly SlotModel _model;
    private readonly double[][][] _circuitA;
    private readonly double[] _siteKw;
    private readonly double[] _averageKw;

    public Schedule(SlotModel model)
    {
        _model = model;
        Currents = model.Sessions.Select(s => new int[s.Length]).ToArray();
        _circuitA = model.Circuits.Select(_ => new[] { new double[model.SlotCount], new double[model.SlotCount], new double[model.SlotCount] }).ToArray();
        _siteKw = new double[model.SlotCount];
        _averageKw = new double[model.SlotCount];
    }

    /// <summary>Per session, the current in each covered slot (local index).</summary>
    public int[][] Currents { get; }

    public SlotModel Model => _model;

    /// <summary>The average import of slot k: base load plus charging weighted by coverage, in kW.</summary>
    public double AverageImportKw(int k) => _model.BaseAverageKw[k] + _averageKw[k];

    /// <summary>The highest average import over the window.</summary>
    public double PeakKw()
    {
        var peak = 0.0;
        for (var k = 0; k < _model.SlotCount; k++)
        {
            peak = Math.Max(peak, AverageImportKw(k));
        }

        return peak;
    }

    public double EnergyKwh(int i)
    {
        var s = _model.Sessions[i];
        var energy = 0.0;
        for (var j = 0; j < s.Length; j++)
        {
            energy += Currents[i][j] * s.KwhPerAmp[j];
        }

        return energy;
    }

    /// <summary>How many amps session i could add in its local slot j without breaking any circuit or site limit, or its maximum.</summary>
    public int Headroom(int i, int j)
    {
        var s = _model.Sessions[i];
        var k = s.First + j;
        var cap = (double)(s.MaxA - Currents[i][j]);
        foreach (var c in s.CircuitChain)
        {
            for (var p = 0; p < 3; p++)
            {
                if ((s.PhaseMask & (1 << p)) != 0)
                {
                    cap = Math.Min(cap, _model.Circuits[c].LimitA - _circuitA[c][p][k]);
                }
            }
        }

        cap = Math.Min(cap, (_model.HeadroomKw[k] - _siteKw[k]) / s.KwPerAmp);
        return Math.Max(0, (int)Math.Floor(cap + Tolerance));
    }

    /// <summary>Per demand term, the peak it is billed at now: its recorded peak or the highest covered import, whichever is higher.</summary>
    public double[] DemandPeaksKw() =>
        _model.DemandTerms.Select(t => Math.Max(t.PeakSoFarKw, t.Slots.Max(AverageImportKw))).ToArray();

    /// <summary>
    /// Per slot, the highest average import that raises no demand charge above <paramref name="termPeaksKw"/>: the lowest
    /// of the peaks of the terms covering it; +∞ where none does.
    /// </summary>
    public double[] PeakCapsKw(double[] termPeaksKw)
    {
        var caps = Enumerable.Repeat(double.PositiveInfinity, _model.SlotCount).ToArray();
        for (var d = 0; d < _model.DemandTerms.Length; d++)
        {
            foreach (var k in _model.DemandTerms[d].Slots)
            {
                caps[k] = Math.Min(caps[k], termPeaksKw[d]);
            }
        }

        return caps;
    }

    /// <summary>How many amps session i could add in local slot j before slot's average import passes <paramref name="peakKw"/>.</summary>
    public int PeakHeadroom(int i, int j, double peakKw)
    {
        var s = _model.Sessions[i];
        var k = s.First + j;
        if (double.IsPositiveInfinity(peakKw))
        {
            return int.MaxValue;
        }

        var perAmp = s.KwPerAmp * s.Coverage[j];
        return Math.Max(0, (int)Math.Floor(((peakKw - AverageImportKw(k)) / perAmp) + Tolerance));
    }

    public void Set(int i, int j, int currentA)
    {
        var s = _model.Sessions[i];
        var delta = currentA - Currents[i][j];
        if (delta == 0)
        {
            return;
        }

        var k = s.First + j;
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

    /// <summary>The first limit that slot k breaks, as (circuit index or −1 for the site, phase), or null.</summary>
    public (int Circuit, int Phase)? OverloadedOn(int k, out double excess)
    {
        for (var c = 0; c < _model.Circuits.Length; c++)
        {
            for (var p = 0; p < 3; p++)
            {
                excess = _circuitA[c][p][k] - _model.Circuits[c].LimitA;
                if (excess > 1e-7)
                {
                    return (c, p);
                }
            }
        }

        excess = _siteKw[k] - _model.HeadroomKw[k];
        return excess > 1e-7 ? (-1, 0) : null;
    }

    /// <summary>Whether session i loads the given circuit (or the site, −1) on the given phase.</summary>
    public bool Loads(int i, int circuit, int phase)
    {
        var s = _model.Sessions[i];
        return circuit < 0 || ((s.PhaseMask & (1 << phase)) != 0 && s.CircuitChain.Contains(circuit));
    }
}
