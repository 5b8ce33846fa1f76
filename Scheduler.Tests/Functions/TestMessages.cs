using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Scheduler.Tests.Functions;

/// <summary>Queue messages as producers write them (driver apps, the CSMS, an OpenADR integration).</summary>
internal static class TestMessages
{
    public static string Departure(string id, string siteId, string sessionId, Instant departure, double energyKwh, Instant? sentAt = null) =>
        $$"""{"type":"departure","version":1,"id":"{{id}}","siteId":"{{siteId}}","sessionId":"{{sessionId}}","departure":"{{Iso(departure)}}","energyKwh":{{Num(energyKwh)}}{{(sentAt is { } s ? $",\"sentAt\":\"{Iso(s)}\"" : string.Empty)}}}""";

    public static string VehicleDeparture(string id, string siteId, string vehicleId, string localTime, string zone, double targetSocPct, double currentSocPct, double batteryKwh) =>
        $$"""{"type":"departure","version":1,"id":"{{id}}","siteId":"{{siteId}}","vehicleId":"{{vehicleId}}","departureLocal":"{{localTime}}","timeZone":"{{zone}}","targetSocPct":{{Num(targetSocPct)}},"currentSocPct":{{Num(currentSocPct)}},"batteryKwh":{{Num(batteryKwh)}}}""";

    public static string Started(string id, string siteId, string chargerId, string transactionId, Instant at, double meterWh = 0, string? vehicleId = null) =>
        $$"""{"type":"session-event","version":1,"id":"{{id}}","siteId":"{{siteId}}","event":"started","chargerId":"{{chargerId}}","connectorId":1,"transactionId":"{{transactionId}}","timestamp":"{{Iso(at)}}","meterWh":{{Num(meterWh)}}{{(vehicleId is null ? string.Empty : $",\"vehicleId\":\"{vehicleId}\"")}}}""";

    public static string MeterValues(string id, string siteId, string chargerId, string transactionId, Instant at, double meterWh) =>
        $$"""{"type":"session-event","version":1,"id":"{{id}}","siteId":"{{siteId}}","event":"meterValues","chargerId":"{{chargerId}}","connectorId":1,"transactionId":"{{transactionId}}","timestamp":"{{Iso(at)}}","meterWh":{{Num(meterWh)}}}""";

    public static string Stopped(string id, string siteId, string chargerId, string transactionId, Instant at, double meterWh) =>
        $$"""{"type":"session-event","version":1,"id":"{{id}}","siteId":"{{siteId}}","event":"stopped","chargerId":"{{chargerId}}","connectorId":1,"transactionId":"{{transactionId}}","timestamp":"{{Iso(at)}}","meterWh":{{Num(meterWh)}}}""";

    /// <summary>A reading of the site's import register, in kWh.</summary>
    public static string SiteMeterRegister(string id, string siteId, Instant at, double registerKwh) =>
        $$"""{"type":"site-meter","version":1,"id":"{{id}}","siteId":"{{siteId}}","timestamp":"{{Iso(at)}}","importRegisterKwh":{{Num(registerKwh)}}}""";

    /// <summary>The site's average import over an interval, in kW.</summary>
    public static string SiteMeterAverage(string id, string siteId, Instant start, Instant end, double averageKw) =>
        $$"""{"type":"site-meter","version":1,"id":"{{id}}","siteId":"{{siteId}}","timestamp":"{{Iso(end)}}","intervalStart":"{{Iso(start)}}","averageImportKw":{{Num(averageKw)}}}""";

    public static string GridSignal(string id, string siteId, string eventJson) =>
        $$"""{"type":"grid-signal","version":1,"id":"{{id}}","siteId":"{{siteId}}","event":{{eventJson}}}""";

    public static string PlanRequest(string id, string siteId, Instant requestedAt, string reason = "timer") =>
        $$"""{"type":"plan-request","version":1,"id":"{{id}}","siteId":"{{siteId}}","requestedAt":"{{Iso(requestedAt)}}","reason":"{{reason}}"}""";

    /// <summary>An OpenADR 3 event limiting the site's import to <paramref name="limitKw"/> from <paramref name="start"/> for <paramref name="hours"/> hours.</summary>
    public static string CapacityEvent(string eventId, string target, Instant start, int hours, double limitKw, Instant modified) => $$"""
        {"id":"{{eventId}}","programID":"dr-1","eventName":"capacity","priority":0,"modificationDateTime":"{{Iso(modified)}}",
         "targets":[{"type":"VEN_NAME","values":["{{target}}"]}],
         "payloadDescriptors":[{"objectType":"EVENT_PAYLOAD_DESCRIPTOR","payloadType":"IMPORT_CAPACITY_LIMIT","units":"KW"}],
         "intervalPeriod":{"start":"{{Iso(start)}}","duration":"PT{{hours}}H"},
         "intervals":[{"id":0,"payloads":[{"type":"IMPORT_CAPACITY_LIMIT","values":[{{Num(limitKw)}}]}]}]}
        """;

    private static string Iso(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    private static string Num(double value) => value.ToString(CultureInfo.InvariantCulture);
}
