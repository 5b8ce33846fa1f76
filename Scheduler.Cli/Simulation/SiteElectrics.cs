using Scheduler.Optimizer.Model;

namespace Scheduler.Cli.Simulation;

/// <summary>
/// The site's limits as a replay applies them, minute by minute: which phases each charger loads, the circuits above
/// it, and how currents are cut back proportionally (deepest circuits first, then the site) where uncontrolled or
/// greedy charging would overload something. It also counts the limits a set of currents breaks.
/// </summary>
internal sealed class SiteElectrics
{
    private const double Tolerance = 1e-6;

    private readonly Site _site;
    private readonly int[][] _chains;
    private readonly bool[][] _phases;
    private readonly int[] _circuitOrder;

    public SiteElectrics(Site site)
    {
        _site = site;
        var circuitIndex = site.Circuits.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        // The circuits each charger's current counts against, from the site model's one walk up the tree.
        _chains = [.. site.Chargers.Select(charger => site.CircuitsAbove(charger.CircuitId).Select(c => circuitIndex[c.Id]).ToArray())];
        _phases = [.. site.Chargers.Select(c => c.Phases == 3 ? new[] { true, true, true } : OnePhase(c.PhaseRotation.FirstPhase()))];
        var depth = new int[site.Circuits.Count];
        foreach (var chain in _chains)
        {
            for (var d = 0; d < chain.Length; d++)
            {
                depth[chain[d]] = Math.Max(depth[chain[d]], chain.Length - d);
            }
        }

        // Deepest first: a feeder's cut applies to what its sub-feeders already allow.
        _circuitOrder = [.. Enumerable.Range(0, site.Circuits.Count).OrderBy(c => depth[c])];
    }

    public int ChargerCount => _site.Chargers.Count;

    /// <summary>Charging power per amp of charger <paramref name="charger"/>, in kW.</summary>
    public double KwPerAmp(int charger) => _site.VoltageV * _site.Chargers[charger].Phases / 1000.0;

    /// <summary>Cuts currents (per charger, in A) back proportionally until every circuit and the site headroom hold.</summary>
    public void Clip(double[] currents, double headroomKw)
    {
        foreach (var c in _circuitOrder)
        {
            for (var p = 0; p < 3; p++)
            {
                var load = CircuitLoad(currents, c, p);
                if (load > _site.Circuits[c].MaxCurrentA)
                {
                    var factor = _site.Circuits[c].MaxCurrentA / load;
                    for (var i = 0; i < currents.Length; i++)
                    {
                        if (_phases[i][p] && _chains[i].Contains(c))
                        {
                            currents[i] *= factor;
                        }
                    }
                }
            }
        }

        var kw = PowerKw(currents);
        if (kw > headroomKw)
        {
            var factor = Math.Max(0, headroomKw) / kw;
            for (var i = 0; i < currents.Length; i++)
            {
                currents[i] *= factor;
            }
        }
    }

    /// <summary>How many limits (circuit phases, the site) the currents break.</summary>
    public int Violations(double[] currents, double headroomKw)
    {
        var count = 0;
        for (var c = 0; c < _site.Circuits.Count; c++)
        {
            for (var p = 0; p < 3; p++)
            {
                if (CircuitLoad(currents, c, p) > _site.Circuits[c].MaxCurrentA + Tolerance)
                {
                    count++;
                }
            }
        }

        return PowerKw(currents) > headroomKw + Tolerance ? count + 1 : count;
    }

    /// <summary>The charging power of the currents, in kW.</summary>
    public double PowerKw(double[] currents)
    {
        var kw = 0.0;
        for (var i = 0; i < currents.Length; i++)
        {
            kw += currents[i] * KwPerAmp(i);
        }

        return kw;
    }

    private double CircuitLoad(double[] currents, int circuit, int phase)
    {
        var load = 0.0;
        for (var i = 0; i < currents.Length; i++)
        {
            if (currents[i] > 0 && _phases[i][phase] && Array.IndexOf(_chains[i], circuit) >= 0)
            {
                load += currents[i];
            }
        }

        return load;
    }

    private static bool[] OnePhase(Phase phase) => [phase == Phase.L1, phase == Phase.L2, phase == Phase.L3];
}
