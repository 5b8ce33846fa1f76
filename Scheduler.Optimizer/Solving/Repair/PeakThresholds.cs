using Scheduler.Optimizer.Solving.Grid;

namespace Scheduler.Optimizer.Solving.Repair;

/// <summary>
/// The peak each demand term may reach at no further cost: its threshold. A slot's average import may rise to
/// the lowest threshold of the terms covering it for free; above that, every term it passes bills the rise.
/// </summary>
internal sealed class PeakThresholds
{
    private readonly SlotModel _model;
    private readonly double[] _kw;

    private PeakThresholds(SlotModel model, double[] kw)
    {
        _model = model;
        _kw = kw;
    }

    /// <summary>The thresholds per term, in kW of average import.</summary>
    public IReadOnlyList<double> Kw => _kw;

    /// <summary>Each term at the peak the schedule already makes it bill (at least its recorded peak).</summary>
    public static PeakThresholds Current(Schedule schedule) => new(schedule.Model, schedule.DemandPeaksKw());

    /// <summary>Each term at the higher of the schedule's peak and <paramref name="targetKw"/> (e.g. the relaxation's).</summary>
    public static PeakThresholds AtLeast(Schedule schedule, IReadOnlyList<double> targetKw) =>
        new(schedule.Model, schedule.DemandPeaksKw().Select((kw, d) => d < targetKw.Count ? Math.Max(kw, targetKw[d]) : kw).ToArray());

    /// <summary>The highest average import slot k may have at no further demand cost; +∞ where no term covers it.</summary>
    public double Cap(int k) => CapRaised(k, d: -1, raiseKw: 0);

    /// <summary>What <see cref="Cap"/> of slot k would be with term d's threshold raised by <paramref name="raiseKw"/>.</summary>
    public double CapRaised(int k, int d, double raiseKw)
    {
        var cap = double.PositiveInfinity;
        foreach (var t in _model.TermsAt[k])
        {
            cap = Math.Min(cap, _kw[t] + (t == d ? raiseKw : 0));
        }

        return cap;
    }

    /// <summary>What raising slot k's average import to <paramref name="averageKw"/> would add to the demand charges.</summary>
    public double RaiseCost(int k, double averageKw)
    {
        var cost = 0.0;
        foreach (var d in _model.TermsAt[k])
        {
            cost += _model.DemandTerms[d].PerKw * Math.Max(0, averageKw - _kw[d]);
        }

        return cost;
    }

    /// <summary>Sets every threshold back to <paramref name="kw"/> (from <see cref="Kw"/> earlier).</summary>
    public void Reset(IReadOnlyList<double> kw)
    {
        for (var d = 0; d < _kw.Length; d++)
        {
            _kw[d] = kw[d];
        }
    }

    /// <summary>Raises term d's threshold by <paramref name="kw"/> (negative lowers it back).</summary>
    public void Shift(int d, double kw) => _kw[d] += kw;

    /// <summary>Raises every term covering slot k to at least <paramref name="averageKw"/>.</summary>
    public void RaiseTo(int k, double averageKw)
    {
        foreach (var d in _model.TermsAt[k])
        {
            _kw[d] = Math.Max(_kw[d], averageKw);
        }
    }
}
