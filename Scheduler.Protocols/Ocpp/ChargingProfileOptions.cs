namespace Scheduler.Protocols.Ocpp;

/// <summary>How charging profiles are written for a site's chargers.</summary>
public sealed record ChargingProfileOptions
{
    /// <summary>The OCPP version. <value>The default is <see cref="OcppVersion.V201"/>.</value></summary>
    public OcppVersion Version { get; init; } = OcppVersion.V201;

    /// <summary>The unit of the limits. <value>The default is <see cref="ChargingRateUnit.A"/>.</value></summary>
    public ChargingRateUnit RateUnit { get; init; } = ChargingRateUnit.A;

    /// <summary>The stack level of chargers without an entry in <see cref="StackLevels"/>. <value>The default is 0.</value></summary>
    public int DefaultStackLevel { get; init; }

    /// <summary>The stack level per charger id, from the charger's configuration (ChargeProfileMaxStackLevel bounds it).</summary>
    public IReadOnlyDictionary<string, int> StackLevels { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>The connector (1.6) or EVSE (2.0.1) id of chargers without an entry in <see cref="EvseIds"/>. <value>The default is 1.</value></summary>
    public int DefaultEvseId { get; init; } = 1;

    /// <summary>The connector (1.6) or EVSE (2.0.1) id per charger id; never 0, which would mean every EVSE of the station.</summary>
    public IReadOnlyDictionary<string, int> EvseIds { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>The stack level for <paramref name="chargerId"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The configured level is negative.</exception>
    public int StackLevelFor(string chargerId)
    {
        var level = StackLevels.TryGetValue(chargerId, out var configured) ? configured : DefaultStackLevel;
        return level >= 0 ? level : throw new ArgumentOutOfRangeException(nameof(chargerId), level, $"the stack level of charger '{chargerId}' must be 0 or more");
    }

    /// <summary>The connector or EVSE id for <paramref name="chargerId"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The configured id is below 1.</exception>
    public int EvseIdFor(string chargerId)
    {
        var id = EvseIds.TryGetValue(chargerId, out var configured) ? configured : DefaultEvseId;
        return id >= 1 ? id : throw new ArgumentOutOfRangeException(nameof(chargerId), id, $"the EVSE id of charger '{chargerId}' must be 1 or more (0 means every EVSE)");
    }
}
