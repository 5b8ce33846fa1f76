using System.Globalization;
using System.Text.Json;
using NodaTime;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Messages;

/// <summary>
/// Reads departure messages (<c>Schemas/messages/departure.v1.schema.json</c>) and checks them against the time they
/// are read at. Bad input never throws: it comes back as errors with a code and the JSON path of the value.
/// </summary>
/// <remarks>
/// A local departure (<c>departureLocal</c> + <c>timeZone</c>) in a spring-forward gap moves forward by the length
/// of the gap; one in an autumn overlap is the earlier of its two instants (not an error in either case).
/// </remarks>
public static class DepartureMessageReader
{
    /// <summary>The least time from reading to departure: one 15-minute planning slot.</summary>
    public static readonly Duration MinimumLead = Duration.FromMinutes(15);

    /// <summary>The most time from reading to departure: 7 days.</summary>
    public static readonly Duration MaximumHorizon = Duration.FromDays(7);

    /// <summary>The smallest battery: 1 kWh.</summary>
    public const double MinBatteryKwh = 1;

    /// <summary>Reads a departure message.</summary>
    /// <param name="json">The message text.</param>
    /// <param name="now">The time it is read at, from the injected clock; the departure must lie between
    /// <see cref="MinimumLead"/> and <see cref="MaximumHorizon"/> after it.</param>
    /// <returns>The message, or the first problems found (at most 20), each with a <see cref="MessageErrorCodes"/> code.</returns>
    public static MessageReadResult<DepartureMessage> Read(string json, Instant now) =>
        MessageReading.Read(json, MessageTypes.Departure, MessageSchemas.Departure, (root, errors) => Convert(root, now, errors));

    private static DepartureMessage? Convert(JsonElement root, Instant now, List<MessageError> errors)
    {
        var sessionId = root.OptionalString("sessionId");
        var vehicleId = root.OptionalString("vehicleId");
        if (sessionId is null && vehicleId is null)
        {
            errors.Add(new(MessageErrorCodes.VehicleMissing, MessageFields.PathOf("vehicleId"), "neither sessionId nor vehicleId is given, expected at least one"));
        }

        var departure = ReadDeparture(root, now, errors);
        var energyKwh = ReadEnergy(root, errors);
        var sentAt = root.Optional("sentAt") is { } sent ? MessageTime.ReadInstant(sent, MessageFields.PathOf("sentAt"), errors) : null;
        if (errors.Count > 0 || departure is null || energyKwh is null)
        {
            return null;
        }

        return new DepartureMessage(root.RequiredString("id"), root.RequiredString("siteId"), sessionId, vehicleId, departure.Value, energyKwh.Value, sentAt);
    }

    private static Instant? ReadDeparture(JsonElement root, Instant now, List<MessageError> errors)
    {
        var withOffset = root.Optional("departure");
        var local = root.Optional("departureLocal");
        var zoneId = root.Optional("timeZone");
        if (withOffset is not null && local is not null)
        {
            errors.Add(new(MessageErrorCodes.DepartureConflict, MessageFields.PathOf("departureLocal"), "both departure and departureLocal are given, expected exactly one"));
            return null;
        }

        if (withOffset is { } instantValue)
        {
            if (zoneId is not null)
            {
                errors.Add(new(MessageErrorCodes.DepartureConflict, MessageFields.PathOf("timeZone"), "timeZone is given with departure, which has its own offset; expected timeZone only with departureLocal"));
                return null;
            }

            var path = MessageFields.PathOf("departure");
            return MessageTime.ReadInstant(instantValue, path, errors) is { } instant && CheckWindow(instant, now, path, errors) ? instant : null;
        }

        if (local is not { } localValue)
        {
            errors.Add(new(MessageErrorCodes.DepartureMissing, MessageFields.PathOf("departure"), "neither departure nor departureLocal is given, expected one"));
            return null;
        }

        var localPath = MessageFields.PathOf("departureLocal");
        if (zoneId is not { } zoneValue)
        {
            errors.Add(new(MessageErrorCodes.ZoneMissing, MessageFields.PathOf("timeZone"), "departureLocal is given without timeZone, expected an IANA time zone such as Europe/Amsterdam"));
            return null;
        }

        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneValue.GetString() ?? string.Empty);
        if (zone is null)
        {
            errors.Add(new(MessageErrorCodes.ZoneUnknown, MessageFields.PathOf("timeZone"), $"found {JsonPath.Describe(zoneValue)}, expected an IANA time zone id such as Europe/Amsterdam"));
        }

        var localTime = MessageTime.ReadLocal(localValue, localPath, errors);
        if (zone is null || localTime is null)
        {
            return null;
        }

        var resolved = DepartureTimePolicy.Resolve(localTime.Value, zone);
        return CheckWindow(resolved, now, localPath, errors) ? resolved : null;
    }

    private static bool CheckWindow(Instant departure, Instant now, string path, List<MessageError> errors)
    {
        var shown = MessageTime.Format(departure);
        var nowShown = MessageTime.Format(now);
        if (departure <= now)
        {
            errors.Add(new(MessageErrorCodes.DepartureInPast, path, $"the departure {shown} is not after now ({nowShown}), expected a future time"));
        }
        else if (departure < now + MinimumLead)
        {
            errors.Add(new(MessageErrorCodes.DepartureWithinOneSlot, path, $"the departure {shown} is less than {MinimumLead.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes after now ({nowShown}), expected at least one planning slot ahead"));
        }
        else if (departure > now + MaximumHorizon)
        {
            errors.Add(new(MessageErrorCodes.DepartureTooFar, path, $"the departure {shown} is more than {MaximumHorizon.Days.ToString(CultureInfo.InvariantCulture)} days after now ({nowShown}), expected at most that far ahead"));
        }
        else
        {
            return true;
        }

        return false;
    }

    private static double? ReadEnergy(JsonElement root, List<MessageError> errors)
    {
        var energy = root.OptionalNumber("energyKwh");
        var target = root.OptionalNumber("targetSocPct");
        var current = root.OptionalNumber("currentSocPct");
        var battery = root.OptionalNumber("batteryKwh");
        var before = errors.Count;
        var batteryInRange = battery is not { } b || b is >= MinBatteryKwh and <= DepartureMessage.MaxEnergyKwh;
        var batteryError = batteryInRange ? null : new MessageError(
            MessageErrorCodes.BatteryOutOfRange,
            MessageFields.PathOf("batteryKwh"),
            $"found {Number(battery!.Value)} kWh, expected a battery of {Number(MinBatteryKwh)} to {Number(DepartureMessage.MaxEnergyKwh)} kWh");

        if (energy is { } kwh)
        {
            var path = MessageFields.PathOf("energyKwh");
            if (target is not null || current is not null)
            {
                errors.Add(new(MessageErrorCodes.EnergyConflict, MessageFields.PathOf(target is not null ? "targetSocPct" : "currentSocPct"), "both energyKwh and a state of charge are given, expected energyKwh or targetSocPct + currentSocPct + batteryKwh"));
            }
            else if (kwh <= 0)
            {
                errors.Add(new(MessageErrorCodes.EnergyNonPositive, path, $"found {Number(kwh)} kWh, expected an energy above 0"));
            }
            else if (kwh > DepartureMessage.MaxEnergyKwh)
            {
                errors.Add(new(MessageErrorCodes.EnergyTooLarge, path, $"found {Number(kwh)} kWh, expected at most {Number(DepartureMessage.MaxEnergyKwh)} kWh"));
            }
            else if (batteryInRange && battery is { } capacity && kwh > capacity)
            {
                errors.Add(new(MessageErrorCodes.EnergyAboveBattery, path, $"found {Number(kwh)} kWh, more than the battery's {Number(capacity)} kWh, expected at most the battery's capacity"));
            }

            AddIfNotNull(errors, batteryError);
            return errors.Count > before ? null : kwh;
        }

        if (target is null && current is null && battery is null)
        {
            errors.Add(new(MessageErrorCodes.EnergyMissing, MessageFields.PathOf("energyKwh"), "neither energyKwh nor targetSocPct + currentSocPct + batteryKwh is given, expected one"));
            return null;
        }

        foreach (var (name, value) in new[] { ("targetSocPct", target), ("currentSocPct", current), ("batteryKwh", battery) })
        {
            if (value is null)
            {
                errors.Add(new(MessageErrorCodes.SocIncomplete, MessageFields.PathOf(name), $"{name} is missing, expected targetSocPct, currentSocPct and batteryKwh together (or energyKwh instead)"));
            }
        }

        foreach (var (name, value) in new[] { ("targetSocPct", target), ("currentSocPct", current) })
        {
            if (value is { } soc && soc is < 0 or > 100)
            {
                errors.Add(new(MessageErrorCodes.SocOutOfRange, MessageFields.PathOf(name), $"found {Number(soc)} %, expected a state of charge from 0 to 100 %"));
            }
        }

        AddIfNotNull(errors, batteryError);
        if (errors.Count > before || target is not { } to || current is not { } from || battery is not { } batteryKwh)
        {
            return null;
        }

        if (to <= from)
        {
            errors.Add(new(MessageErrorCodes.SocTargetBelowCurrent, MessageFields.PathOf("targetSocPct"), $"found a target of {Number(to)} %, not above the current {Number(from)} %, expected a target above the current state of charge"));
            return null;
        }

        // The state of charge is a share of the usable capacity.
        return (to - from) / 100 * batteryKwh;
    }

    private static void AddIfNotNull(List<MessageError> errors, MessageError? error)
    {
        if (error is not null)
        {
            errors.Add(error);
        }
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
