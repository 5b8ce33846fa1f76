using System.Globalization;
using System.Text.Json;
using NodaTime;
using Scheduler.Protocols.Input;
using Scheduler.Protocols.Messages;
using Scheduler.Protocols.Scenarios;
using Scheduler.Protocols.Tariffs;

namespace Scheduler.Functions.Sites;

/// <summary>
/// Reads a <c>site</c> message: how an operator adds or changes a site. Its <c>site</c> object is the scenario
/// file's, checked by the scenario reader (so its errors carry the same JSON paths); <c>chargers</c> adds how the
/// CSMS addresses each charger; <c>settings</c> are the <see cref="SiteSettings"/>.
/// </summary>
/// <example>
/// <code>
/// { "type": "site", "version": 1, "id": "depot-1-v3",
///   "site": { "id": "depot-1", "timeZone": "Europe/Amsterdam", "gridLimitKw": 150, "circuits": [...], "chargers": [...] },
///   "chargers": { "cp-01": { "stationId": "CS-0001", "evseId": 1, "stackLevel": 0 } },
///   "settings": { "currency": "EUR", "tariffFeed": { "format": "entsoe", "url": "..." }, "csms": { "baseUrl": "..." } } }
/// </code>
/// </example>
public static class SiteMessageReader
{
    /// <summary>The message type.</summary>
    public const string Type = "site";

    /// <summary>
    /// The longest charger id: 91 characters, so that a session id (<c>{chargerId}:{transactionId}</c>, with an OCPP
    /// 2.0.1 transaction id of up to 36 characters) stays within the 128 characters every id may have.
    /// </summary>
    public const int MaxChargerIdLength = MessageIdLimit - 1 - SessionEventMessage.MaxTransactionIdLength;

    private const int MessageIdLimit = 128;

    /// <summary>Reads and checks a site message.</summary>
    /// <returns>The site, or the problems found with their JSON paths.</returns>
    public static MessageReadResult<SiteRecord> Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return Fail("json.malformed", "$", $"not valid JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail("schema", "$", "expected an object");
            }

            if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != Type)
            {
                return Fail("type.mismatch", "$.type", $"expected \"{Type}\"");
            }

            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetDouble() != 1)
            {
                return Fail("version.unsupported", "$.version", "expected 1");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is not ("type" or "version" or "id" or "site" or "chargers" or "settings"))
                {
                    return Fail("schema", $"$.{property.Name}", "is not a property of a site message");
                }
            }

            if (!root.TryGetProperty("site", out var siteJson) || siteJson.ValueKind != JsonValueKind.Object)
            {
                return Fail("schema", "$.site", "required: the scenario file's site object");
            }

            return ReadSite(siteJson, root);
        }
    }

    private static MessageReadResult<SiteRecord> ReadSite(JsonElement siteJson, JsonElement root)
    {
        if (siteJson.TryGetProperty("baseLoadKw", out _))
        {
            return Fail("site.base-load", "$.site.baseLoadKw", "a stored site takes a constant base load in settings.baseLoadKw, not intervals");
        }

        var (site, siteErrors) = SiteReader.Read(siteJson);
        if (site is null)
        {
            return Failures([.. siteErrors.Select(e => new MessageError("site.invalid", e.Path, e.Message))]);
        }

        var longIds = site.Chargers
            .Select((c, i) => (c.Id, Index: i))
            .Where(c => c.Id.Length > MaxChargerIdLength)
            .Select(c => new MessageError(
                "site.invalid",
                $"$.site.chargers[{c.Index}].id",
                $"is {c.Id.Length} characters long; at most {MaxChargerIdLength}, so that its session ids (charger id, ':', a transaction id of up to {SessionEventMessage.MaxTransactionIdLength}) stay within {MessageIdLimit}"))
            .ToList();
        if (longIds.Count > 0)
        {
            return Failures(longIds);
        }

        var settings = new SiteSettings();
        if (root.TryGetProperty("settings", out var settingsJson))
        {
            try
            {
                settings = settingsJson.Deserialize<SiteSettings>(SiteSettings.JsonOptions) ?? settings;
            }
            catch (JsonException e)
            {
                return Fail("settings.invalid", "$.settings" + (e.Path ?? "$").TrimStart('$'), e.Message);
            }
        }

        var errors = CheckSettings(settings, site.TimeZone).ToList();
        var addresses = new Dictionary<string, (string? StationId, int EvseId, int StackLevel)>(StringComparer.Ordinal);
        if (root.TryGetProperty("chargers", out var chargersJson))
        {
            errors.AddRange(ReadAddresses(chargersJson, site.Chargers.Select(c => c.Id).ToHashSet(StringComparer.Ordinal), addresses));
        }

        if (errors.Count > 0)
        {
            return Failures(errors);
        }

        var record = new SiteRecord(
            site.Id,
            site.TimeZone.Id,
            site.VoltageV,
            site.GridLimitKw,
            settings,
            [.. site.Circuits.Select(c => new CircuitRecord(c.Id, c.ParentId, c.MaxCurrentA))],
            [.. site.Chargers.Select(c => new ChargerRecord
            {
                Id = c.Id,
                CircuitId = c.CircuitId,
                MaxCurrentA = c.MaxCurrentA,
                MinCurrentA = c.MinCurrentA,
                Phases = c.Phases,
                PhaseRotation = c.PhaseRotation.ToString(),
                MaxSchedulePeriods = c.MaxSchedulePeriods,
                StationId = addresses.TryGetValue(c.Id, out var a) ? a.StationId : null,
                EvseId = addresses.TryGetValue(c.Id, out var b) ? b.EvseId : 1,
                StackLevel = addresses.TryGetValue(c.Id, out var d) ? d.StackLevel : 0,
            })]);
        return MessageReadResult<SiteRecord>.Success(record);
    }

    private static IEnumerable<MessageError> CheckSettings(SiteSettings settings, DateTimeZone zone)
    {
        if (IsoCurrency.Expected(settings.Currency) is { } expected)
        {
            yield return new("settings.invalid", "$.settings.currency", $"found \"{settings.Currency}\", {expected}");
        }

        if (settings.SlotMinutes is < 1 or > 60 || 60 % settings.SlotMinutes != 0)
        {
            yield return new("settings.invalid", "$.settings.slotMinutes", $"{settings.SlotMinutes} does not divide 60");
        }

        if (settings.MaxHorizonHours is < 1 or > 168)
        {
            yield return new("settings.invalid", "$.settings.maxHorizonHours", $"{settings.MaxHorizonHours} is outside 1 to 168 hours");
        }

        if (!NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(settings.DefaultDeparture).Success)
        {
            yield return new("settings.invalid", "$.settings.defaultDeparture", $"\"{settings.DefaultDeparture}\" is not a local time HH:mm");
        }

        if (settings.DefaultEnergyKwh is <= 0 or > 500 || double.IsNaN(settings.DefaultEnergyKwh))
        {
            yield return new("settings.invalid", "$.settings.defaultEnergyKwh", $"{settings.DefaultEnergyKwh.ToString(CultureInfo.InvariantCulture)} kWh is outside (0, 500]");
        }

        if (settings.DepartureMargin is < 0 or > 0.9 || double.IsNaN(settings.DepartureMargin))
        {
            yield return new("settings.invalid", "$.settings.departureMargin", $"{settings.DepartureMargin.ToString(CultureInfo.InvariantCulture)} is outside 0 to 0.9");
        }

        if (!Sessions.DepartureAuthority.IsKnown(settings.DepartureAuthority))
        {
            yield return new("settings.invalid", "$.settings.departureAuthority", $"\"{settings.DepartureAuthority}\" is not one of {string.Join(", ", Sessions.DepartureAuthority.All)}");
        }

        if (settings.BillingCycleDay is < 1 or > Scheduler.Protocols.Billing.BillingPeriod.MaxCycleDay)
        {
            yield return new("settings.invalid", "$.settings.billingCycleDay", $"{settings.BillingCycleDay.ToString(CultureInfo.InvariantCulture)} is outside 1 to {Scheduler.Protocols.Billing.BillingPeriod.MaxCycleDay}: every month has the days 1 to 28");
        }

        if (settings.BaseLoadKw < 0 || settings.DemandChargePerKw < 0)
        {
            yield return new("settings.invalid", "$.settings", "baseLoadKw and demandChargePerKw must not be negative");
        }

        if (settings.TariffFeed is { } feed)
        {
            if (!Enum.TryParse<TariffFormat>(feed.Format, ignoreCase: true, out var format) || TariffImporter.NeedsDates(format))
            {
                yield return new("settings.invalid", "$.settings.tariffFeed.format", $"\"{feed.Format}\" is not one of entsoe, awattar, energycharts, energyzero, nordpool, octopus");
            }

            if (!IsHttpUrl(feed.Url.Replace("{", string.Empty, StringComparison.Ordinal).Replace("}", string.Empty, StringComparison.Ordinal)))
            {
                yield return new("settings.invalid", "$.settings.tariffFeed.url", "is not an absolute http(s) URL");
            }
        }

        if (settings.TouTariff is { } tou)
        {
            var today = new LocalDate(2026, 1, 1);
            var read = TariffImporter.Read(tou.GetRawText(), TariffFormat.Tou, new TariffImportOptions { Zone = zone, Dates = new DateInterval(today, today), TouCurrency = settings.Currency });
            foreach (var error in read.Errors.Take(5))
            {
                yield return new("settings.invalid", "$.settings.touTariff" + error.Location.TrimStart('$'), error.Message);
            }
        }

        if (settings.Csms is { } csms)
        {
            if (!IsHttpUrl(csms.BaseUrl))
            {
                yield return new("settings.invalid", "$.settings.csms.baseUrl", "is not an absolute http(s) URL");
            }

            if (csms.OcppVersion is not ("1.6" or "2.0.1"))
            {
                yield return new("settings.invalid", "$.settings.csms.ocppVersion", $"\"{csms.OcppVersion}\" is not 1.6 or 2.0.1");
            }
        }

        if (settings.VehicleApi is { } vehicleApi)
        {
            if (vehicleApi.Provider != Vehicles.TeslaFleetClient.Provider)
            {
                yield return new("settings.invalid", "$.settings.vehicleApi.provider", $"\"{vehicleApi.Provider}\" is not {Vehicles.TeslaFleetClient.Provider}");
            }

            if (!IsHttpUrl(vehicleApi.BaseUrl) || !IsHttpUrl(vehicleApi.TokenUrl))
            {
                yield return new("settings.invalid", "$.settings.vehicleApi", "baseUrl and tokenUrl must be absolute http(s) URLs");
            }

            foreach (var (vehicleId, route) in vehicleApi.Vehicles.Where(v => v.Value.Dispatch is not (Vehicles.VehicleRoute.Csms or Vehicles.VehicleRoute.VehicleApi)))
            {
                yield return new("settings.invalid", $"$.settings.vehicleApi.vehicles.{vehicleId}.dispatch", $"\"{route.Dispatch}\" is not csms or vehicle-api");
            }
        }

        if (settings.Vtn is { } vtn)
        {
            if (!IsHttpUrl(vtn.BaseUrl))
            {
                yield return new("settings.invalid", "$.settings.vtn.baseUrl", "is not an absolute http(s) URL");
            }

            if (vtn.TokenSetting is null && (vtn.TokenUrl is null || vtn.ClientIdSetting is null || vtn.ClientSecretSetting is null))
            {
                yield return new("settings.invalid", "$.settings.vtn", "needs tokenSetting, or tokenUrl with clientIdSetting and clientSecretSetting");
            }
        }
    }

    private static IEnumerable<MessageError> ReadAddresses(JsonElement chargers, HashSet<string> known, Dictionary<string, (string? StationId, int EvseId, int StackLevel)> addresses)
    {
        if (chargers.ValueKind != JsonValueKind.Object)
        {
            yield return new("schema", "$.chargers", "expected an object keyed by charger id");
            yield break;
        }

        foreach (var entry in chargers.EnumerateObject())
        {
            var path = $"$.chargers['{entry.Name}']";
            if (!known.Contains(entry.Name))
            {
                yield return new("site.invalid", path, "is not a charger of the site");
                continue;
            }

            string? stationId = null;
            var evseId = 1;
            var stackLevel = 0;
            var bad = false;
            foreach (var field in entry.Value.ValueKind == JsonValueKind.Object ? entry.Value.EnumerateObject() : Enumerable.Empty<JsonProperty>())
            {
                switch (field.Name)
                {
                    case "stationId" when field.Value.ValueKind == JsonValueKind.String && field.Value.GetString() is { Length: > 0 and <= 128 } id:
                        stationId = id;
                        break;
                    case "evseId" when field.Value.ValueKind == JsonValueKind.Number && field.Value.TryGetInt32(out var e) && e >= 1:
                        evseId = e;
                        break;
                    case "stackLevel" when field.Value.ValueKind == JsonValueKind.Number && field.Value.TryGetInt32(out var s) && s >= 0:
                        stackLevel = s;
                        break;
                    default:
                        bad = true;
                        break;
                }
            }

            if (bad || entry.Value.ValueKind != JsonValueKind.Object)
            {
                yield return new("schema", path, "expected { \"stationId\": 1 to 128 characters, \"evseId\": 1 or more, \"stackLevel\": 0 or more }");
                continue;
            }

            addresses[entry.Name] = (stationId, evseId, stackLevel);
        }
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static MessageReadResult<SiteRecord> Fail(string code, string path, string message) => Failures([new MessageError(code, path, message)]);

    private static MessageReadResult<SiteRecord> Failures(IReadOnlyList<MessageError> errors) => MessageReadResult<SiteRecord>.Failure(errors);
}
