using NodaTime;

namespace Scheduler.Optimizer.Model;

/// <summary>A depot, workplace or garage: its grid connection, circuits, chargers and other load.</summary>
public sealed record Site
{
    /// <summary>The default phase-to-neutral voltage.</summary>
    public const double DefaultVoltageV = 230;

    /// <summary>Creates a site.</summary>
    /// <param name="id">The site's id.</param>
    /// <param name="timeZone">The zone its local times are read in.</param>
    /// <param name="voltageV">Phase-to-neutral voltage, default 230 V.</param>
    /// <param name="gridLimitKw">The most the site may import, in kW (charging plus base load).</param>
    /// <param name="circuits">The circuit tree; may be empty.</param>
    /// <param name="chargers">The chargers.</param>
    /// <param name="baseLoad">A forecast of the other load; may be empty (zero).</param>
    public Site(
        string id,
        DateTimeZone timeZone,
        double voltageV,
        double gridLimitKw,
        IReadOnlyList<Circuit> circuits,
        IReadOnlyList<Charger> chargers,
        IReadOnlyList<BaseLoadInterval> baseLoad)
    {
        Id = Check.Id(id, nameof(id));
        TimeZone = timeZone ?? throw new ArgumentNullException(nameof(timeZone));
        VoltageV = Check.Positive(voltageV, nameof(voltageV));
        GridLimitKw = Check.Positive(gridLimitKw, nameof(gridLimitKw));
        Circuits = circuits ?? throw new ArgumentNullException(nameof(circuits));
        Chargers = chargers ?? throw new ArgumentNullException(nameof(chargers));
        BaseLoad = baseLoad ?? throw new ArgumentNullException(nameof(baseLoad));
    }

    /// <summary>The site's id.</summary>
    public string Id { get; }

    /// <summary>The zone its local times are read in.</summary>
    public DateTimeZone TimeZone { get; }

    /// <summary>Phase-to-neutral voltage in volts.</summary>
    public double VoltageV { get; }

    /// <summary>The most the site may import, in kW.</summary>
    public double GridLimitKw { get; }

    /// <summary>The circuit tree.</summary>
    public IReadOnlyList<Circuit> Circuits { get; }

    /// <summary>The chargers.</summary>
    public IReadOnlyList<Charger> Chargers { get; }

    /// <summary>The forecast of the other load.</summary>
    public IReadOnlyList<BaseLoadInterval> BaseLoad { get; }

    /// <summary>The circuits from <paramref name="circuitId"/> up to the grid connection's, nearest first (see <see cref="CircuitTree.Above"/>).</summary>
    public IReadOnlyList<Circuit> CircuitsAbove(string? circuitId) => new CircuitTree(Circuits).Above(circuitId);

    /// <summary>How many circuits lie above a charger on <paramref name="circuitId"/>, its own included: its depth in the tree.</summary>
    public int Depth(string? circuitId) => CircuitsAbove(circuitId).Count;
}
