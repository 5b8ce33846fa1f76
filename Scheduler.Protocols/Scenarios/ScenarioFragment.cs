using System.Text;
using System.Text.Json;

namespace Scheduler.Protocols.Scenarios;

/// <summary>
/// A part of a scenario file read on its own (a site file, a list of grid signals) with exactly the scenario
/// reader's checks: the part is set into a scenario that holds nothing else, a one-slot window with one price.
/// </summary>
internal static class ScenarioFragment
{
    /// <summary>A scenario of <paramref name="site"/> (or a site without chargers) and <paramref name="gridSignals"/> (or none).</summary>
    public static string Wrap(JsonElement? site, JsonElement? gridSignals)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", 1);
            writer.WritePropertyName("site");
            if (site is { } given)
            {
                given.WriteTo(writer);
            }
            else
            {
                writer.WriteStartObject();
                writer.WriteString("id", "site");
                writer.WriteString("timeZone", "UTC");
                writer.WriteNumber("gridLimitKw", 1);
                writer.WriteStartArray("chargers");
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteStartObject("tariff");
            writer.WriteString("currency", "EUR");
            writer.WriteStartArray("prices");
            writer.WriteStartObject();
            writer.WriteString("start", "2026-01-01T00:00:00Z");
            writer.WriteString("end", "2026-01-01T00:15:00Z");
            writer.WriteNumber("perKwh", 0);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
            if (gridSignals is { } signals)
            {
                writer.WritePropertyName("gridSignals");
                signals.WriteTo(writer);
            }

            writer.WriteStartArray("sessions");
            writer.WriteEndArray();
            writer.WriteStartObject("planning");
            writer.WriteString("start", "2026-01-01T00:00:00Z");
            writer.WriteString("end", "2026-01-01T00:15:00Z");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
