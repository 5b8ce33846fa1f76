namespace Scheduler.Optimizer.Model;

/// <summary>
/// A site's circuits by id, for walking up the tree: the one walk every part that needs a charger's limits uses
/// (planning, the uncontrolled baseline, fail-safe profiles, the replay's electrics, the app's assembly).
/// </summary>
public sealed class CircuitTree
{
    private readonly Dictionary<string, Circuit> _byId;

    /// <summary>Indexes <paramref name="circuits"/> by id; with duplicate ids the first counts (the validator reports the rest).</summary>
    public CircuitTree(IEnumerable<Circuit> circuits)
    {
        ArgumentNullException.ThrowIfNull(circuits);
        _byId = new Dictionary<string, Circuit>(StringComparer.Ordinal);
        foreach (var circuit in circuits)
        {
            _byId.TryAdd(circuit.Id, circuit);
        }
    }

    /// <summary>
    /// The circuits from <paramref name="circuitId"/> up to the grid connection's, nearest first: every limit a load on
    /// that circuit counts against. Empty for null (a charger on no circuit); the walk stops at an unknown id or a loop,
    /// which the validator reports.
    /// </summary>
    public IReadOnlyList<Circuit> Above(string? circuitId)
    {
        var path = new List<Circuit>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        for (var id = circuitId; id is not null && _byId.TryGetValue(id, out var circuit) && visited.Add(id); id = circuit.ParentId)
        {
            path.Add(circuit);
        }

        return path;
    }
}
