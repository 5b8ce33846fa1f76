using Google.OrTools.LinearSolver;
using Scheduler.Optimizer.Solving.Grid;
using Scheduler.Optimizer.Solving.Pricing;

namespace Scheduler.Optimizer.Solving.Formulation;

/// <summary>
/// The planning model on an OR-Tools solver: one set of variables and constraint families for the relaxation
/// (GLOP: fractional amps, no minimum current) and the exact stage (SCIP: whole amps, each either 0 or between the
/// minimum and the maximum). Columns and rows can be added one at a time, so the relaxation can start small and
/// grow where its prices ask (column and row generation); the exact stage adds them all at once.
/// </summary>
internal sealed class PlanningFormulation : IDisposable
{
    private readonly SlotModel _model;
    private readonly ObjectiveTerms _terms;
    private readonly Objective _objective;
    private readonly Variable?[][] _current;
    private readonly Constraint[] _energy;
    private readonly List<Variable>[] _shortfall;
    private readonly (double SizeKwh, double PerKwh)[][] _segments;
    private readonly Constraint?[][][] _circuitRows;
    private readonly Constraint?[] _siteRows;
    private readonly Variable[] _excess;
    private readonly Constraint?[][] _demandRows;
    private readonly List<(int Session, int Local)>[] _columnsAt;
    private readonly int[][] _termsAt;

    private readonly bool[]? _include;
    private readonly bool[] _circuitUsed;

    private PlanningFormulation(Solver solver, SlotModel model, ObjectiveTerms terms, bool integral, bool[]? include)
    {
        _include = include;
        _circuitUsed = new bool[model.Circuits.Length];
        foreach (var session in model.Sessions.Where(x => include is null || include[x.Index]))
        {
            foreach (var c in session.CircuitChain)
            {
                _circuitUsed[c] = true;
            }
        }

        Solver = solver;
        _model = model;
        _terms = terms;
        Integral = integral;
        _objective = solver.Objective();
        _objective.SetMinimization();
        var sessions = model.Sessions;
        _current = sessions.Select(s => new Variable?[s.Length]).ToArray();
        _energy = new Constraint[sessions.Length];
        _shortfall = sessions.Select(_ => new List<Variable>()).ToArray();
        _segments = sessions.Select(s => terms.Segments(model, s)).ToArray();
        _circuitRows = model.Circuits.Select(_ => new[] { new Constraint?[model.SlotCount], new Constraint?[model.SlotCount], new Constraint?[model.SlotCount] }).ToArray();
        _siteRows = new Constraint?[model.SlotCount];
        _demandRows = model.DemandTerms.Select(_ => new Constraint?[model.SlotCount]).ToArray();
        _columnsAt = Enumerable.Range(0, model.SlotCount).Select(_ => new List<(int, int)>()).ToArray();
        _termsAt = model.TermsAt;
        AddSessionEnergy();
        _excess = AddDemandExcess();
    }

    /// <summary>The solver the model lives on.</summary>
    public Solver Solver { get; }

    /// <summary>Whether currents are whole amps with an on/off switch (the exact model) rather than fractional.</summary>
    public bool Integral { get; }

    /// <summary>The energy the model's sessions request: the tie-break adds at most <see cref="ObjectiveTerms.MaxTieBreakPerKwh"/> per kWh of it.</summary>
    public double TotalRequestedKwh => _model.Sessions.Where(s => s.Length > 0 && Includes(s.Index)).Sum(s => s.TargetKwh);

    /// <summary>Whether the model couples its sessions through the site's import and the demand charges (false for a block).</summary>
    public bool Joint => _include is null;

    /// <summary>A continuous model on GLOP, of every session or only those <paramref name="include"/> marks (a block: no site or demand rows).</summary>
    public static PlanningFormulation Relaxation(SlotModel model, ObjectiveTerms terms, bool[]? include = null)
    {
        var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("The OR-Tools GLOP solver is not available.");
        return new PlanningFormulation(solver, model, terms, integral: false, include);
    }

    /// <summary>A whole-amp model on SCIP, or null where SCIP is not available.</summary>
    public static PlanningFormulation? Exact(SlotModel model, ObjectiveTerms terms)
    {
        var solver = Solver.CreateSolver("SCIP");
        return solver is null ? null : new PlanningFormulation(solver, model, terms, integral: true, include: null);
    }

    /// <summary>Adds every column and every row that could bind: the whole model.</summary>
    /// <param name="deadline">Where given, building stops once it has passed: a large model takes a while to build.</param>
    /// <returns>False when the deadline stopped it before the model was whole.</returns>
    public bool AddEverything(Deadline? deadline = null)
    {
        // Rows first, while they are empty: each current then sets its coefficient in the few rows above it, where a
        // row added after the columns would scan every column of its slot (circuits × columns per slot).
        for (var k = 0; k < _model.SlotCount; k++)
        {
            AddRowsThatCouldBind(k);
        }

        foreach (var s in _model.Sessions)
        {
            if (!Includes(s.Index))
            {
                continue;
            }

            if (deadline is { Expired: true })
            {
                return false;
            }

            for (var j = 0; j < s.Length; j++)
            {
                AddCurrent(s.Index, j);
            }

            while (AddShortfallSegment(s.Index))
            {
            }
        }

        return deadline is not { Expired: true };
    }

    /// <summary>Adds, in slot k, every circuit, site and demand row that some currents within the sessions' maxima could break.</summary>
    public void AddRowsThatCouldBind(int k)
    {
        for (var c = 0; c < _model.Circuits.Length; c++)
        {
            for (var p = 0; p < 3 && _circuitUsed[c]; p++)
            {
                if (RowBounds.CircuitCouldBind(_model, c, p, k))
                {
                    AddCircuitRow(c, p, k);
                }
            }
        }

        if (!Joint)
        {
            return;
        }

        if (RowBounds.SiteCouldBind(_model, k))
        {
            AddSiteRow(k);
        }

        foreach (var d in _termsAt[k])
        {
            if (RowBounds.DemandCouldBind(_model, d, k))
            {
                AddDemandRow(d, k);
            }
        }
    }

    /// <summary>The variable of session i's current in its local slot j, or null while it is not in the model.</summary>
    public Variable? Current(int i, int j) => _current[i][j];

    /// <summary>The shortfall variables of session i, cheapest segment first.</summary>
    public IReadOnlyList<Variable> Shortfall(int i) => _shortfall[i];

    /// <summary>The sizes of session i's shortfall segments in the model, in kWh, cheapest first.</summary>
    public IReadOnlyList<double> SegmentSizes(int i) => _segments[i].Take(_shortfall[i].Count).Select(seg => seg.SizeKwh).ToArray();

    /// <summary>The excess over its recorded peak of each demand term.</summary>
    public IReadOnlyList<Variable> Excess => _excess;

    /// <summary>The energy row of session i.</summary>
    public Constraint Energy(int i) => _energy[i];

    /// <summary>The row of circuit c on phase p in slot k, or null while it is not in the model.</summary>
    public Constraint? CircuitRow(int c, int p, int k) => _circuitRows[c][p][k];

    /// <summary>The site's import row in slot k, or null while it is not in the model.</summary>
    public Constraint? SiteRow(int k) => _siteRows[k];

    /// <summary>The row of demand term d in slot k, or null while it is not in the model.</summary>
    public Constraint? DemandRow(int d, int k) => _demandRows[d][k];

    /// <summary>The demand terms covering slot k.</summary>
    public IReadOnlyList<int> TermsAt(int k) => _termsAt[k];

    /// <summary>The cost the objective puts on one amp of session i in its local slot j: its energy at the price plus the tie-break.</summary>
    public double CurrentCost(int i, int j)
    {
        var s = _model.Sessions[i];
        var k = s.First + j;
        return _model.EffectivePricePerKwh(k) * s.KwhPerAmp[j];
    }

    /// <summary>The price per kWh of session i's next shortfall segment, or null when all are in the model.</summary>
    public double? NextSegmentPerKwh(int i) =>
        _shortfall[i].Count < _segments[i].Length ? _segments[i][_shortfall[i].Count].PerKwh : null;

    /// <summary>Puts session i's current in local slot j into the model, with its coefficient in every row already there.</summary>
    public Variable AddCurrent(int i, int j)
    {
        if (_current[i][j] is { } existing)
        {
            return existing;
        }

        var s = _model.Sessions[i];
        var k = s.First + j;

        // A session draws between 0 and its maximum, in whole amps in the exact model.
        var x = Integral ? Solver.MakeIntVar(0, s.MaxA, string.Empty) : Solver.MakeNumVar(0, s.MaxA, string.Empty);
        _current[i][j] = x;
        _objective.SetCoefficient(x, CurrentCost(i, j));
        _energy[i].SetCoefficient(x, s.KwhPerAmp[j]);
        foreach (var c in s.CircuitChain)
        {
            for (var p = 0; p < 3; p++)
            {
                if ((s.PhaseMask & (1 << p)) != 0)
                {
                    _circuitRows[c][p][k]?.SetCoefficient(x, 1);
                }
            }
        }

        _siteRows[k]?.SetCoefficient(x, s.KwPerAmp);
        foreach (var d in _termsAt[k])
        {
            _demandRows[d][k]?.SetCoefficient(x, -s.KwPerAmp * s.Coverage[j]);
        }

        _columnsAt[k].Add((i, j));
        if (Integral)
        {
            AddOnOffSwitch(s, j, x);
        }

        return x;
    }

    /// <summary>Puts session i's next shortfall segment into the model; false when all are in it.</summary>
    public bool AddShortfallSegment(int i)
    {
        var segments = _segments[i];
        var next = _shortfall[i].Count;
        if (next >= segments.Length)
        {
            return false;
        }

        // What a session does not get is shortfall, in ever dearer segments, so that shortfall is shared out.
        var (size, perKwh) = segments[next];
        var shortfall = Solver.MakeNumVar(0, size, string.Empty);
        _energy[i].SetCoefficient(shortfall, 1);
        _objective.SetCoefficient(shortfall, perKwh);
        _shortfall[i].Add(shortfall);
        return true;
    }

    /// <summary>Adds the row of circuit c on phase p in slot k, over every current of the model below it.</summary>
    public Constraint AddCircuitRow(int c, int p, int k)
    {
        if (_circuitRows[c][p][k] is { } existing)
        {
            return existing;
        }

        // Every circuit, on every phase, in every slot: the currents below it stay within its limit.
        var row = Solver.MakeConstraint(double.NegativeInfinity, _model.Circuits[c].LimitA);
        _circuitRows[c][p][k] = row;
        foreach (var (i, j) in _columnsAt[k])
        {
            var s = _model.Sessions[i];
            if ((s.PhaseMask & (1 << p)) != 0 && Array.IndexOf(s.CircuitChain, c) >= 0)
            {
                row.SetCoefficient(_current[i][j]!, 1);
            }
        }

        return row;
    }

    /// <summary>Adds the site's import row of slot k.</summary>
    public Constraint AddSiteRow(int k)
    {
        if (_siteRows[k] is { } existing)
        {
            return existing;
        }

        // The site's charging stays within what its import limit (tightened by grid signals) leaves beside the
        // highest base load of the slot.
        var row = Solver.MakeConstraint(double.NegativeInfinity, _model.HeadroomKw[k]);
        _siteRows[k] = row;
        foreach (var (i, j) in _columnsAt[k])
        {
            row.SetCoefficient(_current[i][j]!, _model.Sessions[i].KwPerAmp);
        }

        return row;
    }

    /// <summary>Adds the row of demand term d in slot k.</summary>
    public Constraint AddDemandRow(int d, int k)
    {
        if (_demandRows[d][k] is { } existing)
        {
            return existing;
        }

        // Each demand charge bills what the slot's average import (charging plus base load) exceeds its recorded
        // peak by: excess − Σ charging kW ≥ base load − recorded peak.
        var row = Solver.MakeConstraint(_model.BaseAverageKw[k] - _model.DemandTerms[d].PeakSoFarKw, double.PositiveInfinity);
        _demandRows[d][k] = row;
        row.SetCoefficient(_excess[d], 1);
        foreach (var (i, j) in _columnsAt[k])
        {
            var s = _model.Sessions[i];
            row.SetCoefficient(_current[i][j]!, -s.KwPerAmp * s.Coverage[j]);
        }

        return row;
    }

    /// <summary>The columns of the model in slot k, as (session, local slot).</summary>
    public IReadOnlyList<(int Session, int Local)> ColumnsAt(int k) => _columnsAt[k];

    /// <inheritdoc />
    public void Dispose() => Solver.Dispose();

    private bool Includes(int i) => _include is null || _include[i];

    private void AddSessionEnergy()
    {
        // A session's delivered energy plus its shortfall is its request, so delivered never passes it.
        foreach (var s in _model.Sessions)
        {
            var target = s.Length == 0 || !Includes(s.Index) ? 0 : s.TargetKwh;
            _energy[s.Index] = Solver.MakeConstraint(target, target);
        }
    }

    private Variable[] AddDemandExcess()
    {
        // A demand charge prices the excess of its peak over what it has recorded already.
        var excess = new Variable[_model.DemandTerms.Length];
        for (var d = 0; d < excess.Length; d++)
        {
            excess[d] = Solver.MakeNumVar(0, double.PositiveInfinity, string.Empty);
            _objective.SetCoefficient(excess[d], _model.DemandTerms[d].PerKw);
        }

        return excess;
    }

    private void AddOnOffSwitch(SessionSlots s, int j, Variable x)
    {
        // A current is 0, or between the session's minimum and maximum: a switch that is on allows the range.
        var on = Solver.MakeBoolVar(string.Empty);
        var lower = Solver.MakeConstraint(0, double.PositiveInfinity);
        lower.SetCoefficient(x, 1);
        lower.SetCoefficient(on, -s.MinA);
        var upper = Solver.MakeConstraint(double.NegativeInfinity, 0);
        upper.SetCoefficient(x, 1);
        upper.SetCoefficient(on, -s.MaxA);
        Switches.Add((s.Index, j, on));
    }

    /// <summary>The on/off switch of each integral current, as (session, local slot, switch), in the order they were made.</summary>
    public List<(int Session, int Local, Variable On)> Switches { get; } = [];
}
