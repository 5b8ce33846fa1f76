using System.Text.Json.Nodes;

namespace Scheduler.Tests.Protocols;

/// <summary>Scenario files for the reader's tests, as JSON nodes that a test can change before reading.</summary>
internal static class ScenarioSamples
{
    /// <summary>
    /// A valid scenario with every optional field left out: one site in Amsterdam on the night of the spring DST
    /// change (2026-03-29, 02:00 CET becomes 03:00 CEST), two chargers, one session.
    /// </summary>
    public static JsonObject Minimal() => Parse("""
        {
          "version": 1,
          "site": {
            "id": "depot-1",
            "timeZone": "Europe/Amsterdam",
            "gridLimitKw": 150,
            "chargers": [
              { "id": "cp-01", "maxCurrentA": 32 },
              { "id": "cp-02", "maxCurrentA": 16 }
            ]
          },
          "tariff": {
            "currency": "EUR",
            "prices": [
              { "start": "2026-03-29T00:00:00+01:00", "end": "2026-03-29T06:00:00+02:00", "perKwh": 0.21 }
            ]
          },
          "sessions": [
            { "id": "s-1", "chargerId": "cp-01", "arrival": "2026-03-29T00:30:00+01:00", "departure": "2026-03-29T05:00:00+02:00", "energyKwh": 30 }
          ],
          "planning": { "start": "2026-03-29T00:00:00+01:00", "end": "2026-03-29T06:00:00+02:00" }
        }
        """);

    /// <summary>A valid scenario with every field set, none to its default.</summary>
    public static JsonObject Full() => Parse("""
        {
          "version": 1,
          "site": {
            "id": "depot-2",
            "timeZone": "Europe/Berlin",
            "voltageV": 240,
            "gridLimitKw": 95.5,
            "circuits": [
              { "id": "main", "parentId": null, "maxCurrentA": 160 },
              { "id": "feeder-a", "parentId": "main", "maxCurrentA": 63 }
            ],
            "chargers": [
              { "id": "cp-01", "circuitId": "feeder-a", "maxCurrentA": 32, "minCurrentA": 8, "phases": 1, "phaseRotation": "TSR", "maxSchedulePeriods": 10 },
              { "id": "cp-02", "circuitId": null, "maxCurrentA": 16, "minCurrentA": 0, "phases": 3, "phaseRotation": "SRT", "maxSchedulePeriods": 1024 }
            ],
            "baseLoadKw": [
              { "start": "2026-01-10T06:00:00Z", "end": "2026-01-10T07:00:00Z", "kw": 12.5 },
              { "start": "2026-01-10T07:00:00Z", "end": "2026-01-10T08:00:00Z", "kw": -3 }
            ]
          },
          "tariff": {
            "currency": "SEK",
            "demandChargePerKw": 55.25,
            "demandCharges": [
              { "id": "on-peak-2026-01", "perKw": 12.5, "peakSoFarKw": 20.5,
                "intervals": [ { "start": "2026-01-10T07:30:00+01:00", "end": "2026-01-10T08:30:00+01:00" } ] }
            ],
            "prices": [
              { "start": "2026-01-10T07:00:00+01:00", "end": "2026-01-10T08:00:00+01:00", "perKwh": 1.5 },
              { "start": "2026-01-10T08:00:00+01:00", "end": "2026-01-10T09:00:00+01:00", "perKwh": -0.25 }
            ]
          },
          "gridSignals": [
            { "id": "dr-7", "start": "2026-01-10T07:30:00+01:00", "end": "2026-01-10T08:00:00+01:00", "maxImportKw": 60 }
          ],
          "sessions": [
            { "id": "s-1", "chargerId": "cp-01", "vehicleId": "v-1", "transactionId": "tx-8812",
              "arrival": "2026-01-10T07:05:30+01:00", "departure": "2026-01-10T08:45:00+01:00",
              "energyKwh": 7.25, "maxCurrentA": 20, "minCurrentA": 10, "phases": 1 },
            { "id": "s-2", "chargerId": "cp-02", "vehicleId": "v-2", "transactionId": 8812,
              "arrival": "2026-01-10T07:00:00+01:00", "departure": "2026-01-10T09:00:00+01:00",
              "energyKwh": 0, "maxCurrentA": 16, "minCurrentA": null, "phases": 3 }
          ],
          "planning": { "start": "2026-01-10T07:00:00+01:00", "end": "2026-01-10T09:00:00+01:00", "slotMinutes": 30 }
        }
        """);

    /// <summary>The node at a simple path such as <c>sessions[0]</c> or <c>site.chargers[1]</c>.</summary>
    public static JsonNode At(this JsonNode root, string path)
    {
        var node = root;
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            node = bracket < 0
                ? node[part]!
                : node[part[..bracket]]![int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]!;
        }

        return node;
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
