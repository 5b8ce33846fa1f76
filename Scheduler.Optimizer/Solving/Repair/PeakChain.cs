namespace Scheduler.Optimizer.Solving.Repair;

/// <summary>
/// Moves one amp out of a slot above its cap where none of the sessions there can move it straight to a slot with
/// room: a chain of sessions each moves one amp on, out of the slot the one before moved into, until one lands in a
/// slot with room under its cap and the site's limit (or opens a slot it did not use, at its minimum). Every slot
/// between stays under its cap and the site's limit, or keeps its load (it gains one session's amp and loses
/// another's), so a plateau of slots at the peak can pass room to a slot none of its own sessions reach. The chain
/// is found breadth first, so it has the fewest moves; the caller judges what it costs.
/// </summary>
internal static class PeakChain
{
    /// <summary>Moves one amp out of slot k along the shortest chain that ends under the caps; false where none does.</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="k">The slot to take an amp out of.</param>
    /// <param name="caps">The highest average import each slot may have, in kW.</param>
    public static bool MoveOne(Schedule schedule, int k, double[] caps)
    {
        var model = schedule.Model;
        var entered = new Move?[model.SlotCount];
        var visited = new bool[model.SlotCount];
        var expanded = new Expansion?[model.Sessions.Length];
        visited[k] = true;
        var queue = new Queue<int>();
        queue.Enqueue(k);
        while (queue.TryDequeue(out var a))
        {
            foreach (var (i, from) in model.Present[a])
            {
                if (Expanded(schedule, i, from, expanded) || !MayGive(schedule, i, from, a, k, entered, caps))
                {
                    continue;
                }

                expanded[i] = new Expansion(model.Sessions[i].KwhPerAmp[from], MayOpen(schedule, model.Sessions[i], from));
                foreach (var (to, amps, last) in Receivers(schedule, i, from, visited, caps))
                {
                    var move = new Move(i, from, to, amps, entered[a]);
                    if (last)
                    {
                        Apply(schedule, move);
                        return true;
                    }

                    var b = model.Sessions[i].First + to;
                    visited[b] = true;
                    entered[b] = move;
                    queue.Enqueue(b);
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Whether session i may give an amp in its local slot <paramref name="from"/> (global slot a): left at 0 or its
    /// minimum, not in the chain already, and, between the ends, giving at least what the chain brought in past the
    /// slot's room under its cap.
    /// </summary>
    private static bool MayGive(Schedule schedule, int i, int from, int a, int k, Move?[] entered, double[] caps)
    {
        var s = schedule.Model.Sessions[i];
        if (schedule.Currents[i][from] == 0 || !s.AllowsCurrent(schedule.Currents[i][from] - 1) || InChain(entered[a], i))
        {
            return false;
        }

        if (a == k || entered[a] is not { } came)
        {
            return true;
        }

        // The slot must stay under its cap (on the average import) and under the site's limit (on the charging power).
        var model = schedule.Model;
        var capRoomKw = Math.Max(0, caps[a] - schedule.AverageImportKw(a));
        var siteRoomKw = Math.Max(0, model.HeadroomKw[a] - schedule.ChargingKw(a));
        return AmpKw(model, i, from) >= AmpKw(model, came.Session, came.To) - capRoomKw - Tolerance.Limit
            && model.Sessions[i].KwPerAmp >= model.Sessions[came.Session].KwPerAmp - siteRoomKw - Tolerance.Limit;
    }

    /// <summary>
    /// The other slots of session i that may take its amp, with the amps it moves and whether the slot has room for
    /// them under its cap (the chain's end). A slot the session does not use may end the chain too, opened at the
    /// session's minimum where the slot it leaves can give that much and stay at 0 or its minimum.
    /// </summary>
    private static IEnumerable<(int To, int Amps, bool Last)> Receivers(Schedule schedule, int i, int from, bool[] visited, double[] caps)
    {
        var s = schedule.Model.Sessions[i];
        var mayOpen = MayOpen(schedule, s, from);
        for (var to = 0; to < s.Length; to++)
        {
            var b = s.First + to;
            var current = schedule.Currents[i][to];
            if (visited[b] || Math.Abs(s.KwhPerAmp[to] - s.KwhPerAmp[from]) > Tolerance.Energy)
            {
                continue;
            }

            if (current == 0 && s.MinA > 1)
            {
                if (mayOpen && schedule.RoomUnder(i, to, caps[b]) >= s.MinA && schedule.Headroom(i, to) >= s.MinA)
                {
                    yield return (to, s.MinA, true);
                }

                continue;
            }

            // Between the chain's ends the next move frees the site's limit again; the circuits are checked as if it did not.
            if (current + 1 <= s.MaxA && schedule.CircuitHeadroom(i, to) >= 1)
            {
                yield return (to, 1, schedule.RoomUnder(i, to, caps[b]) >= 1 && schedule.Headroom(i, to) >= 1);
            }
        }
    }

    /// <summary>
    /// Whether session i's receivers were already offered from a slot of the same energy per amp, with opening a slot
    /// allowed then if it is now (the search records each expansion). The schedule does not change during the search
    /// and visited slots stay visited, so such a session's receivers are all visited already (or would have ended
    /// the chain): skipping it changes no answer and keeps the search linear in the sessions' slots.
    /// </summary>
    private static bool Expanded(Schedule schedule, int i, int from, Expansion?[] expanded)
    {
        var s = schedule.Model.Sessions[i];
        return expanded[i] is { } done && done.KwhPerAmp == s.KwhPerAmp[from] && (done.MayOpen || !MayOpen(schedule, s, from));
    }

    /// <summary>Whether session i, giving from its local slot <paramref name="from"/>, may open a slot it does not use at its minimum.</summary>
    private static bool MayOpen(Schedule schedule, Grid.SessionSlots s, int from) =>
        s.MinA > 1 && schedule.Currents[s.Index][from] >= s.MinA && s.AllowsCurrent(schedule.Currents[s.Index][from] - s.MinA);

    private static bool InChain(Move? move, int i)
    {
        for (var m = move; m is not null; m = m.Before)
        {
            if (m.Session == i)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Makes every move of the chain, from its end back to its start.</summary>
    private static void Apply(Schedule schedule, Move last)
    {
        for (var m = last; m is not null; m = m.Before)
        {
            schedule.Set(m.Session, m.From, schedule.Currents[m.Session][m.From] - m.Amps);
            schedule.Set(m.Session, m.To, schedule.Currents[m.Session][m.To] + m.Amps);
        }
    }

    /// <summary>What one amp of session i adds to the average import of its local slot j, in kW.</summary>
    private static double AmpKw(Grid.SlotModel model, int i, int j) => model.Sessions[i].KwPerAmp * model.Sessions[i].Coverage[j];

    /// <summary>Amps of a session moved between two of its local slots (one, or its minimum to open the chain's last slot), after the move that brought the chain to its first.</summary>
    private sealed record Move(int Session, int From, int To, int Amps, Move? Before);

    /// <summary>A session's receivers offered once: from a slot of this energy per amp, and whether opening a slot was allowed.</summary>
    private readonly record struct Expansion(double KwhPerAmp, bool MayOpen);
}
