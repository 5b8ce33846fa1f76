namespace Scheduler.Optimizer.Model;

/// <summary>
/// A fuse, feeder or grid connection with a current limit on each of its three phases. Circuits form a tree
/// through <see cref="ParentId"/>; the current of every charger below a circuit counts against its limit.
/// </summary>
public sealed record Circuit
{
    /// <summary>Creates a circuit.</summary>
    /// <param name="id">Unique id within the site.</param>
    /// <param name="parentId">The circuit this one hangs from, or null for a top-level circuit.</param>
    /// <param name="maxCurrentA">The limit per phase in amps, above zero.</param>
    public Circuit(string id, string? parentId, double maxCurrentA)
    {
        Id = Check.Id(id, nameof(id));
        ParentId = parentId;
        MaxCurrentA = Check.Positive(maxCurrentA, nameof(maxCurrentA));
    }

    /// <summary>Unique id within the site.</summary>
    public string Id { get; }

    /// <summary>The circuit this one hangs from, or null for a top-level circuit.</summary>
    public string? ParentId { get; }

    /// <summary>The limit per phase, in amps.</summary>
    public double MaxCurrentA { get; }
}
