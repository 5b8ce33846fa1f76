namespace Scheduler.Protocols.OpenAdr;

/// <summary>What a <see cref="GridSignalBook"/> needs to know about its site.</summary>
public sealed record GridSignalBookOptions
{
    /// <summary>
    /// The names that select this site in an event's targets: its site id, VEN name, resource names, groups.
    /// An event with targets applies only when one of them is here; an event without targets applies to every site.
    /// </summary>
    public required IReadOnlyCollection<string> TargetNames { get; init; }

    /// <summary>
    /// The site's import limit in kW for each SIMPLE level (0–3). A level with no entry is ignored with a warning.
    /// <value>The default is empty: SIMPLE events are ignored.</value>
    /// </summary>
    public IReadOnlyDictionary<int, double> SimpleLevelLimitsKw { get; init; } = new Dictionary<int, double>();
}
