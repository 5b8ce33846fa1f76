namespace Scheduler.Optimizer.Solving.Grid;

/// <summary>What given currents (fractional or whole) put on every circuit, phase and slot, and on the site.</summary>
internal sealed class Loads
{
    private Loads(double[][][] circuitA, double[] chargingKw, double[] averageChargingKw)
    {
        CircuitA = circuitA;
        ChargingKw = chargingKw;
        AverageChargingKw = averageChargingKw;
    }

    /// <summary>Per circuit, phase and slot, the amps below it.</summary>
    public double[][][] CircuitA { get; }

    /// <summary>Per slot, the charging power while the sessions draw, in kW.</summary>
    public double[] ChargingKw { get; }

    /// <summary>Per slot, the charging power averaged over the slot (weighted by coverage), in kW.</summary>
    public double[] AverageChargingKw { get; }

    /// <summary>
    /// An array per circuit, phase and slot, allocated only for the circuits that carry a session: a site's tree may
    /// hold thousands of circuits with nobody below most of them in a given plan.
    /// </summary>
    public static double[][][] PerCircuitPhaseSlot(SlotModel model) =>
        model.Circuits
            .Select((_, c) => model.CircuitUsed[c]
                ? new[] { new double[model.SlotCount], new double[model.SlotCount], new double[model.SlotCount] }
                : new[] { Array.Empty<double>(), Array.Empty<double>(), Array.Empty<double>() })
            .ToArray();

    /// <summary>The amps on circuit c's phase p in slot k (0 on a circuit nobody is below).</summary>
    public double CircuitAmps(int c, int p, int k) => CircuitA[c][p].Length == 0 ? 0 : CircuitA[c][p][k];

    /// <summary>The loads with every session at its maximum current wherever it is present.</summary>
    public static Loads AtMaximum(SlotModel model) =>
        Of(model, model.Sessions.Select(s => Enumerable.Repeat((double)s.MaxA, s.Length).ToArray()).ToArray());

    /// <summary>The loads of <paramref name="currents"/>[session][local slot].</summary>
    public static Loads Of(SlotModel model, double[][] currents)
    {
        var circuitA = PerCircuitPhaseSlot(model);
        var chargingKw = new double[model.SlotCount];
        var averageKw = new double[model.SlotCount];
        foreach (var s in model.Sessions)
        {
            for (var j = 0; j < s.Length; j++)
            {
                var amps = currents[s.Index][j];
                if (amps == 0)
                {
                    continue;
                }

                var k = s.First + j;
                chargingKw[k] += s.KwPerAmp * amps;
                averageKw[k] += s.KwPerAmp * amps * s.Coverage[j];
                foreach (var c in s.CircuitChain)
                {
                    for (var p = 0; p < 3; p++)
                    {
                        if ((s.PhaseMask & (1 << p)) != 0)
                        {
                            circuitA[c][p][k] += amps;
                        }
                    }
                }
            }
        }

        return new Loads(circuitA, chargingKw, averageKw);
    }
}
