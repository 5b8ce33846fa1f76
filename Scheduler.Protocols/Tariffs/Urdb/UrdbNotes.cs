using System.Globalization;
using System.Text.Json;
using NodaTime;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Tariffs.Urdb;

/// <summary>
/// What a URDB rate charges that does not depend on when vehicles charge, and what else its reader should tell: each
/// becomes a <see cref="TariffNote"/> at its field, so that it is reported rather than planned or dropped in silence.
/// </summary>
internal static class UrdbNotes
{
    /// <summary>The notes for <paramref name="rate"/> when laid out over <paramref name="dates"/>.</summary>
    public static List<TariffNote> For(JsonElement rate, string path, DateTimeZone zone, DateInterval dates)
    {
        var notes = new List<TariffNote>();
        var fixedUnits = Text(rate, "fixedchargeunits") ?? "$/month";
        Amount(rate, path, "fixedchargefirstmeter", $"a fixed charge of {{0}} {fixedUnits}: not planned, as it does not depend on when vehicles charge", notes);
        Amount(rate, path, "fixedchargeeaaddl", $"a fixed charge of {{0}} {fixedUnits} for each additional meter: not planned", notes);
        Amount(rate, path, "mincharge", $"a minimum bill of {{0}} {Text(rate, "minchargeunits") ?? "$/month"}: not planned; the plan assumes the bill is above it", notes);
        Amount(rate, path, "annualmincharge", "a minimum bill of {0} $/year: not planned; the plan assumes the bill is above it", notes);
        Amount(rate, path, "demandreactivepowercharge", "a charge of {0} $/kVAR on reactive demand: not planned, as a plan sets real power only", notes);
        foreach (var name in new[] { "energyattrs", "demandattrs", "fixedattrs" })
        {
            if (rate.TryGetProperty(name, out var attributes) && attributes.ValueKind == JsonValueKind.Array && attributes.GetArrayLength() > 0)
            {
                notes.Add(new TariffNote(JsonPath.Property(path, name), $"holds {attributes.GetRawText()}: free text, not read; check it against the rate's source"));
            }
        }

        InForce(rate, path, zone, dates, notes);
        return notes;
    }

    private static void Amount(JsonElement rate, string path, string name, string message, List<TariffNote> notes)
    {
        if (rate.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.GetDouble() != 0)
        {
            notes.Add(new TariffNote(JsonPath.Property(path, name), string.Format(CultureInfo.InvariantCulture, message, value.GetRawText())));
        }
    }

    /// <summary>A rate laid out over dates it was not in force on still prices them, as replays of old history need; the user is told.</summary>
    private static void InForce(JsonElement rate, string path, DateTimeZone zone, DateInterval dates, List<TariffNote> notes)
    {
        var first = zone.AtStartOfDay(dates.Start).ToInstant();
        var end = zone.AtStartOfDay(dates.End.PlusDays(1)).ToInstant();
        if (UnixSeconds(rate, "startdate") is { } start && first < start)
        {
            notes.Add(new TariffNote(JsonPath.Property(path, "startdate"), string.Create(CultureInfo.InvariantCulture, $"the rate is in force from {start.InZone(zone).Date:uuuu-MM-dd}, after the first date asked for; it is laid out over the dates asked for all the same")));
        }

        if (UnixSeconds(rate, "enddate") is { } stop && end > stop)
        {
            notes.Add(new TariffNote(JsonPath.Property(path, "enddate"), string.Create(CultureInfo.InvariantCulture, $"the rate is in force until {stop.InZone(zone).Date:uuuu-MM-dd}, before the last date asked for; it is laid out over the dates asked for all the same")));
        }
    }

    private static Instant? UnixSeconds(JsonElement rate, string name) =>
        rate.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)
            && seconds is > -62135596800L and < 253402300800L
            ? Instant.FromUnixTimeSeconds(seconds)
            : null;

    private static string? Text(JsonElement rate, string name) =>
        rate.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
