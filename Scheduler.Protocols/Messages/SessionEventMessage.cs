using NodaTime;

namespace Scheduler.Protocols.Messages;

/// <summary>
/// A charging session started, sent meter values, stopped, or its vehicle told its needs or proposed a schedule
/// (message type <c>session-event</c>).
/// </summary>
public sealed record SessionEventMessage
{
    /// <summary>The longest transaction id: 36 characters (OCPP 2.0.1).</summary>
    public const int MaxTransactionIdLength = 36;

    /// <summary>The highest connector number: 1000.</summary>
    public const int MaxConnectorId = 1000;

    /// <summary>The largest meter reading: 1e12 Wh.</summary>
    public const double MaxMeterWh = 1e12;

    /// <summary>The largest power: 1e7 W.</summary>
    public const double MaxPowerW = 1e7;

    /// <summary>Creates a session event.</summary>
    /// <param name="id">The idempotency key, 1 to 128 characters.</param>
    /// <param name="siteId">The site, 1 to 128 characters.</param>
    /// <param name="kind">What happened.</param>
    /// <param name="chargerId">The charger, 1 to 128 characters.</param>
    /// <param name="transactionId">The CSMS's transaction id, 1 to <see cref="MaxTransactionIdLength"/> characters.</param>
    /// <param name="timestamp">When it happened at the charger.</param>
    /// <param name="meterWh">The energy register in Wh, 0 to <see cref="MaxMeterWh"/>; required for meter values and a stop.</param>
    /// <param name="connectorId">The connector, 1 to <see cref="MaxConnectorId"/>; the default is 1.</param>
    /// <param name="vehicleId">The vehicle, where known.</param>
    /// <param name="powerW">The power drawn in W, 0 to <see cref="MaxPowerW"/>, where reported.</param>
    /// <param name="chargingNeeds">What the vehicle needs: required for <see cref="SessionEventKind.ChargingNeeds"/>, null otherwise.</param>
    /// <param name="evSchedule">The vehicle's proposed schedule: required for <see cref="SessionEventKind.EvChargingSchedule"/>, null otherwise.</param>
    public SessionEventMessage(
        string id,
        string siteId,
        SessionEventKind kind,
        string chargerId,
        string transactionId,
        Instant timestamp,
        double? meterWh,
        int connectorId = 1,
        string? vehicleId = null,
        double? powerW = null,
        EvChargingNeeds? chargingNeeds = null,
        EvChargingSchedule? evSchedule = null)
    {
        Id = MessageCheck.Id(id, nameof(id));
        SiteId = MessageCheck.Id(siteId, nameof(siteId));
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "must be a defined session event kind");
        }

        Kind = kind;
        ChargerId = MessageCheck.Id(chargerId, nameof(chargerId));
        TransactionId = MessageCheck.Text(transactionId, MaxTransactionIdLength, nameof(transactionId));
        Timestamp = timestamp;
        if (meterWh is { } meter)
        {
            MessageCheck.InRange(meter, 0, MaxMeterWh, nameof(meterWh));
        }
        else if (kind is SessionEventKind.MeterValues or SessionEventKind.Stopped)
        {
            throw new ArgumentException("meter values and a stop must carry the meter reading", nameof(meterWh));
        }

        MeterWh = meterWh;
        if (connectorId is < 1 or > MaxConnectorId)
        {
            throw new ArgumentOutOfRangeException(nameof(connectorId), connectorId, "must be from 1 to 1000");
        }

        ConnectorId = connectorId;
        VehicleId = MessageCheck.OptionalId(vehicleId, nameof(vehicleId));
        if (powerW is { } power)
        {
            MessageCheck.InRange(power, 0, MaxPowerW, nameof(powerW));
        }

        PowerW = powerW;
        if ((kind == SessionEventKind.ChargingNeeds) != (chargingNeeds is not null))
        {
            throw new ArgumentException("a chargingNeeds event carries the vehicle's needs, and only it does", nameof(chargingNeeds));
        }

        if ((kind == SessionEventKind.EvChargingSchedule) != (evSchedule is not null))
        {
            throw new ArgumentException("an evChargingSchedule event carries the vehicle's schedule, and only it does", nameof(evSchedule));
        }

        ChargingNeeds = chargingNeeds;
        EvSchedule = evSchedule;
    }

    /// <summary>The idempotency key.</summary>
    public string Id { get; }

    /// <summary>The site.</summary>
    public string SiteId { get; }

    /// <summary>What happened.</summary>
    public SessionEventKind Kind { get; }

    /// <summary>The charger.</summary>
    public string ChargerId { get; }

    /// <summary>The connector of the charger; 1 where the message did not say.</summary>
    public int ConnectorId { get; }

    /// <summary>The CSMS's transaction id.</summary>
    public string TransactionId { get; }

    /// <summary>When it happened at the charger.</summary>
    public Instant Timestamp { get; }

    /// <summary>The charger's energy register in Wh, where the event carried it; never null for <see cref="SessionEventKind.MeterValues"/> and <see cref="SessionEventKind.Stopped"/>.</summary>
    public double? MeterWh { get; }

    /// <summary>The vehicle, or null where the CSMS did not know it.</summary>
    public string? VehicleId { get; }

    /// <summary>The power drawn in W, or null where not reported.</summary>
    public double? PowerW { get; }

    /// <summary>What the vehicle needs; never null for <see cref="SessionEventKind.ChargingNeeds"/>, null for every other kind.</summary>
    public EvChargingNeeds? ChargingNeeds { get; }

    /// <summary>The vehicle's proposed schedule; never null for <see cref="SessionEventKind.EvChargingSchedule"/>, null for every other kind.</summary>
    public EvChargingSchedule? EvSchedule { get; }
}
