namespace Scheduler.Protocols.Messages;

/// <summary>The codes of <see cref="MessageError"/>: stable ids a handler may branch or count on.</summary>
public static class MessageErrorCodes
{
    /// <summary>The text is not JSON (or not Unicode text); the message says where.</summary>
    public const string JsonMalformed = "json.malformed";

    /// <summary>An object holds the same property twice, so readers could disagree on its value.</summary>
    public const string JsonDuplicateProperty = "json.duplicate-property";

    /// <summary>The message is longer than a queue message can be (64 KiB).</summary>
    public const string MessageTooLarge = "message.too-large";

    /// <summary>A string holds a control character (NUL, BEL, ESC…) where only printable text belongs.</summary>
    public const string TextNotPrintable = "text.not-printable";

    /// <summary>A number beyond what any field can hold (about ±7.9e28).</summary>
    public const string NumberOutOfRange = "number.out-of-range";

    /// <summary>The message breaks its JSON Schema: a missing or unknown property, a wrong type, a bad length.</summary>
    public const string Schema = "schema";

    /// <summary>The <c>type</c> is none of <see cref="MessageTypes"/>.</summary>
    public const string TypeUnknown = "type.unknown";

    /// <summary>The <c>type</c> is a known one, but not the one the reader reads.</summary>
    public const string TypeMismatch = "type.mismatch";

    /// <summary>The <c>version</c> is not one this code reads (only 1).</summary>
    public const string VersionUnsupported = "version.unsupported";

    /// <summary>A departure names neither a session nor a vehicle.</summary>
    public const string VehicleMissing = "vehicle.missing";

    /// <summary>A departure has neither <c>departure</c> nor <c>departureLocal</c>.</summary>
    public const string DepartureMissing = "departure.missing";

    /// <summary>A departure has both <c>departure</c> and <c>departureLocal</c>, or a <c>timeZone</c> beside an instant with an offset.</summary>
    public const string DepartureConflict = "departure.conflict";

    /// <summary>The departure is at or before the time the message is read.</summary>
    public const string DepartureInPast = "departure.in-past";

    /// <summary>The departure is less than one 15-minute slot after the time the message is read.</summary>
    public const string DepartureWithinOneSlot = "departure.within-one-slot";

    /// <summary>The departure is more than 7 days after the time the message is read.</summary>
    public const string DepartureTooFar = "departure.too-far";

    /// <summary>A <c>departureLocal</c> without its <c>timeZone</c>.</summary>
    public const string ZoneMissing = "zone.missing";

    /// <summary>The <c>timeZone</c> is not an IANA time zone id.</summary>
    public const string ZoneUnknown = "zone.unknown";

    /// <summary>An instant is written without an offset (a local time where an instant is expected).</summary>
    public const string TimeNoOffset = "time.no-offset";

    /// <summary>A time is not ISO 8601 in the expected form, or not a real date and time.</summary>
    public const string TimeMalformed = "time.malformed";

    /// <summary>A departure has neither <c>energyKwh</c> nor the state-of-charge fields.</summary>
    public const string EnergyMissing = "energy.missing";

    /// <summary>A departure has both <c>energyKwh</c> and a state of charge.</summary>
    public const string EnergyConflict = "energy.conflict";

    /// <summary><c>energyKwh</c> is zero or below.</summary>
    public const string EnergyNonPositive = "energy.non-positive";

    /// <summary><c>energyKwh</c> is above 500 kWh.</summary>
    public const string EnergyTooLarge = "energy.too-large";

    /// <summary><c>energyKwh</c> is above <c>batteryKwh</c>.</summary>
    public const string EnergyAboveBattery = "energy.above-battery";

    /// <summary>Some but not all of <c>targetSocPct</c>, <c>currentSocPct</c> and <c>batteryKwh</c> (without <c>energyKwh</c>).</summary>
    public const string SocIncomplete = "soc.incomplete";

    /// <summary>A state of charge outside 0 to 100 percent.</summary>
    public const string SocOutOfRange = "soc.out-of-range";

    /// <summary>The target state of charge is at or below the current one.</summary>
    public const string SocTargetBelowCurrent = "soc.target-below-current";

    /// <summary><c>batteryKwh</c> is outside 1 to 500 kWh.</summary>
    public const string BatteryOutOfRange = "battery.out-of-range";

    /// <summary>A meterValues or stopped session event without <c>meterWh</c>.</summary>
    public const string MeterMissing = "meter.missing";

    /// <summary>A TxProfile dispatch without a <c>sessionId</c>, or a TxDefaultProfile dispatch with one.</summary>
    public const string DispatchSessionMismatch = "dispatch.session-mismatch";

    /// <summary>A vehicle's least current is above its most current.</summary>
    public const string EvCurrentRange = "ev.current-range";

    /// <summary>A charging-needs or charging-schedule event without the OCPP request it is about, or with the other one.</summary>
    public const string EvPayloadMissing = "ev.payload-missing";

    /// <summary>A vehicle's proposed schedule whose periods do not start at 0 and rise.</summary>
    public const string EvScheduleOrder = "ev.schedule-order";

    /// <summary>A site-meter reading with neither <c>importRegisterKwh</c> nor <c>averageImportKw</c>.</summary>
    public const string SiteMeterReadingMissing = "site-meter.reading-missing";

    /// <summary>A site-meter average without its <c>intervalStart</c> (or the reverse), or an interval that does not end at the timestamp within an hour.</summary>
    public const string SiteMeterInterval = "site-meter.interval";
}
