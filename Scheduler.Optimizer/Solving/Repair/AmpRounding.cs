using Google.OrTools.Graph;
using Scheduler.Optimizer.Solving.Pricing;

namespace Scheduler.Optimizer.Solving.Repair;

/// <summary>
/// Rounding down takes from each session the fractional parts of its currents. Which sessions get an amp back in
/// which slot is an assignment: sessions lack whole amp-slots; slots, and the circuits above them, have room for
/// whole amps. A min-cost flow finds the best one at once, where filling session after session leaves some short
/// that another order would have served: it gives amps first to the sessions whose shortfall has passed the cheap
/// rounding segment, then tops up the rest, each in its cheapest slots. Where a slot is full, another session of
/// the same kind may move an amp of its own from there to another of its slots that has room: the flow follows
/// such chains, so the room anywhere in the window serves a session whose own slots are full.
/// </summary>
internal static class AmpRounding
{
    /// <summary>Costs in the flow are whole numbers: currency × this.</summary>
    private const double CostScale = 1e6;

    /// <summary>The (negative) cost of an amp-slot that takes a session out of the penalty: above any price.</summary>
    private const long UrgentUnitCost = -100_000_000_000;

    /// <summary>The phase key of a three-phase class's circuit nodes, which carry all three phases at once.</summary>
    private const int AllPhases = -1;

    /// <summary>Gives amps back in slots where the session already draws (or may draw one amp), within every limit and under the peak caps.</summary>
    /// <param name="schedule">The schedule, rounded down.</param>
    /// <param name="terms">The objective's penalty, whose rounding segment prices the top-up.</param>
    /// <param name="sessions">The sessions that may get amps.</param>
    /// <param name="peaks">The demand thresholds, not passed.</param>
    public static void Apply(Schedule schedule, ObjectiveTerms terms, IReadOnlyList<int> sessions, PeakThresholds peaks)
    {
        // Sessions with the same power per amp and phases compete for room in the same units; the larger go first.
        var model = schedule.Model;
        var classes = sessions
            .GroupBy(i => (model.Sessions[i].KwPerAmp, model.Sessions[i].Phases))
            .OrderByDescending(g => g.Key.KwPerAmp)
            .ThenBy(g => g.Key.Phases);
        foreach (var group in classes)
        {
            // A session that gets amps does not also move its own: together they could pass its maximum.
            var receivers = group.ToHashSet();
            var movers = model.Sessions.Where(m => m.KwPerAmp == group.Key.KwPerAmp && m.Phases == group.Key.Phases && !receivers.Contains(m.Index)).Select(m => m.Index);
            new ClassFlow(schedule, terms, peaks, group.Key.KwPerAmp).Assign(group, movers);
        }
    }

    /// <summary>
    /// The flow network of one class: source → session → its circuits from the nearest up → slot → sink, and from a
    /// slot to another session's circuits in another slot where that session can move an amp.
    /// </summary>
    private sealed class ClassFlow(Schedule schedule, ObjectiveTerms terms, PeakThresholds peaks, double kwPerAmp)
    {
        private const int Source = 0;
        private const int Sink = 1;
        private readonly MinCostFlow _flow = new();
        private readonly Dictionary<(int Circuit, int Phase, int Slot), int> _circuitNodes = [];
        private readonly Dictionary<int, int> _slotNodes = [];
        private readonly List<(int Arc, int Session, int Local)> _edges = [];
        private readonly List<(int Arc, int Session, int Local, int Sign)> _moves = [];
        private int _nodes = 2;

        public void Assign(IEnumerable<int> sessions, IEnumerable<int> movers)
        {
            long total = 0;
            foreach (var i in sessions)
            {
                total += AddSession(i);
            }

            if (_edges.Count == 0)
            {
                return;
            }

            foreach (var b in movers)
            {
                AddMoves(b);
            }

            // What no slot takes goes straight to the sink at no cost.
            _flow.AddArcWithCapacityAndUnitCost(Source, Sink, total, 0);
            _flow.SetNodeSupply(Source, total);
            _flow.SetNodeSupply(Sink, -total);
            if (_flow.Solve() != MinCostFlowBase.Status.OPTIMAL)
            {
                return;
            }

            foreach (var (arc, i, j) in _edges)
            {
                var amps = (int)_flow.Flow(arc);
                if (amps > 0)
                {
                    schedule.Set(i, j, schedule.Currents[i][j] + amps);
                }
            }

            foreach (var (arc, b, j, sign) in _moves)
            {
                var amps = (int)_flow.Flow(arc);
                if (amps > 0)
                {
                    schedule.Set(b, j, schedule.Currents[b][j] + (sign * amps));
                }
            }
        }

        /// <summary>
        /// Adds the moves session b can make through a node of its own: amps into it from its slots running above the
        /// minimum, out of it into its slots running below the maximum. What goes in comes out, so its energy stays.
        /// </summary>
        private void AddMoves(int b)
        {
            var model = schedule.Model;
            var s = model.Sessions[b];
            var hub = -1;
            for (var j = 0; j < s.Length; j++)
            {
                var current = schedule.Currents[b][j];
                if (current < s.MinA || s.Coverage[j] < 1 - Tolerance.Coverage)
                {
                    continue;
                }

                hub = hub < 0 ? _nodes++ : hub;
                var k = s.First + j;
                var price = Scaled(model.EffectivePricePerKwh(k) * s.KwPerAmp * model.SlotHours);
                if (current > s.MinA)
                {
                    _moves.Add((_flow.AddArcWithCapacityAndUnitCost(SlotNode(k), hub, current - s.MinA, -price), b, j, -1));
                }

                var room = Math.Min(s.MaxA - current, schedule.Headroom(b, j));
                if (room > 0)
                {
                    _moves.Add((_flow.AddArcWithCapacityAndUnitCost(hub, Entry(s, k), room, price), b, j, +1));
                }
            }
        }

        /// <summary>Adds session i's arcs; returns the amp-slots it lacks.</summary>
        private long AddSession(int i)
        {
            var model = schedule.Model;
            var s = model.Sessions[i];
            var ampSlotKwh = s.KwPerAmp * model.SlotHours;
            var missing = schedule.MissingKwh(i);
            var need = (long)Math.Floor((missing / ampSlotKwh) + Tolerance.Amps);
            if (need <= 0 || s.Length == 0 || s.MaxA == 0)
            {
                return 0;
            }

            // The first amp-slots take the session back inside its rounding segment; the rest only top it up.
            var urgent = Math.Clamp((long)Math.Ceiling(((missing - terms.RoundingKwh(model, s)) / ampSlotKwh) - Tolerance.Amps), 0, need);
            var node = _nodes++;
            _flow.AddArcWithCapacityAndUnitCost(Source, node, urgent, UrgentUnitCost);
            _flow.AddArcWithCapacityAndUnitCost(Source, node, need - urgent, -Scaled(terms.RoundingPerKwh(model, s) * ampSlotKwh));
            for (var j = 0; j < s.Length; j++)
            {
                var current = schedule.Currents[i][j];
                var room = (int)Math.Min(s.MaxA - current, need);
                if (s.Coverage[j] >= 1 - Tolerance.Coverage && (current > 0 || s.MinA <= 1) && room > 0)
                {
                    var arc = _flow.AddArcWithCapacityAndUnitCost(node, Entry(s, s.First + j), room, Scaled(model.EffectivePricePerKwh(s.First + j) * ampSlotKwh));
                    _edges.Add((arc, i, j));
                }
            }

            return need;
        }

        /// <summary>
        /// The node a session's amps in slot k enter: its nearest circuit's, or the slot's where it has none. A circuit
        /// node made here is linked to its parent's (or the slot's) with the circuit's room; an existing one is linked already.
        /// </summary>
        private int Entry(Grid.SessionSlots s, int k)
        {
            if (s.CircuitChain.Length == 0)
            {
                return SlotNode(k);
            }

            var phase = s.Phases == 3 ? AllPhases : System.Numerics.BitOperations.TrailingZeroCount(s.PhaseMask);
            var entry = CircuitNode(s.CircuitChain[0], phase, k, out var created);
            var node = entry;
            for (var at = 0; created && at < s.CircuitChain.Length; at++)
            {
                var upCreated = false;
                var up = at + 1 < s.CircuitChain.Length ? CircuitNode(s.CircuitChain[at + 1], phase, k, out upCreated) : SlotNode(k);
                _flow.AddArcWithCapacityAndUnitCost(node, up, CircuitRoom(s.CircuitChain[at], phase, k), 0);
                node = up;
                created = upCreated;
            }

            return entry;
        }

        private int CircuitNode(int c, int phase, int k, out bool created)
        {
            created = !_circuitNodes.TryGetValue((c, phase, k), out var node);
            if (created)
            {
                node = _nodes++;
                _circuitNodes[(c, phase, k)] = node;
            }

            return node;
        }

        private int SlotNode(int k)
        {
            if (!_slotNodes.TryGetValue(k, out var node))
            {
                node = _nodes++;
                _slotNodes[k] = node;
                _flow.AddArcWithCapacityAndUnitCost(node, Sink, SlotRoom(k), 0);
            }

            return node;
        }

        /// <summary>Whole amps of this class that fit on circuit c in slot k: on its phase, or on the fullest of the three.</summary>
        private long CircuitRoom(int c, int phase, int k)
        {
            var room = phase == AllPhases
                ? Math.Min(schedule.CircuitRoomA(c, 0, k), Math.Min(schedule.CircuitRoomA(c, 1, k), schedule.CircuitRoomA(c, 2, k)))
                : schedule.CircuitRoomA(c, phase, k);
            return Math.Max(0, (long)Math.Floor(room + Tolerance.Amps));
        }

        /// <summary>Whole amps of this class that fit in slot k within the site's headroom and under its peak cap.</summary>
        private long SlotRoom(int k)
        {
            var kw = Math.Min(schedule.Model.HeadroomKw[k] - schedule.ChargingKw(k), peaks.Cap(k) - schedule.AverageImportKw(k));
            return Math.Max(0, (long)Math.Floor((kw / kwPerAmp) + Tolerance.Amps));
        }

        private static long Scaled(double cost) => (long)Math.Round(cost * CostScale);
    }
}
