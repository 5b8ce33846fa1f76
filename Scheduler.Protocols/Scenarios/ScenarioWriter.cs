using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Scheduler.Optimizer.Model;

namespace Scheduler.Protocols.Scenarios;

/// <summary>
/// Writes a planning problem as a scenario file (v1): what <c>scheduler plan</c> reads, and what the Functions app
/// stores beside each plan, so that any plan can be made again on a laptop. <see cref="ScenarioReader"/> reads it back
/// to the same problem.
/// </summary>
public static class ScenarioWriter
{
    /// <summary>The scenario of <paramref name="problem"/>.</summary>
    public static string Write(PlanningProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            WriteSite(json, problem.Site);
            WriteTariff(json, problem.Tariff);
            json.WriteStartArray("gridSignals");
            foreach (var signal in problem.GridSignals)
            {
                WriteSpan(json, signal.Id, signal.Start, signal.End, "maxImportKw", signal.MaxImportKw);
            }

            json.WriteEndArray();
            WriteSessions(json, problem.Sessions);
            json.WriteStartObject("planning");
            json.WriteString("start", Format(problem.Window.Start));
            json.WriteString("end", Format(problem.Window.End));
            json.WriteNumber("slotMinutes", (int)problem.Window.SlotLength.TotalMinutes);
            if (problem.DrawnSoFarKwh > 0)
            {
                json.WriteNumber("drawnSoFarKwh", problem.DrawnSoFarKwh);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteSite(Utf8JsonWriter json, Site site)
    {
        json.WriteStartObject("site");
        json.WriteString("id", site.Id);
        json.WriteString("timeZone", site.TimeZone.Id);
        json.WriteNumber("voltageV", site.VoltageV);
        json.WriteNumber("gridLimitKw", site.GridLimitKw);
        json.WriteStartArray("circuits");
        foreach (var circuit in site.Circuits)
        {
            json.WriteStartObject();
            json.WriteString("id", circuit.Id);
            json.WriteString("parentId", circuit.ParentId);
            json.WriteNumber("maxCurrentA", circuit.MaxCurrentA);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("chargers");
        foreach (var charger in site.Chargers)
        {
            json.WriteStartObject();
            json.WriteString("id", charger.Id);
            json.WriteString("circuitId", charger.CircuitId);
            json.WriteNumber("maxCurrentA", charger.MaxCurrentA);
            json.WriteNumber("minCurrentA", charger.MinCurrentA);
            json.WriteNumber("phases", charger.Phases);
            json.WriteString("phaseRotation", charger.PhaseRotation.ToString());
            json.WriteNumber("maxSchedulePeriods", charger.MaxSchedulePeriods);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("baseLoadKw");
        foreach (var load in site.BaseLoad)
        {
            WriteSpan(json, null, load.Start, load.End, "kw", load.Kw);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    // Every demand charge is written out with its recorded peak, the all-hours one too: the shorthand has no peak.
    private static void WriteTariff(Utf8JsonWriter json, Tariff tariff)
    {
        json.WriteStartObject("tariff");
        json.WriteString("currency", tariff.Currency);
        json.WriteStartArray("prices");
        foreach (var price in tariff.Prices)
        {
            WriteSpan(json, null, price.Start, price.End, "perKwh", price.PerKwh);
        }

        json.WriteEndArray();
        json.WriteStartArray("demandCharges");
        foreach (var charge in tariff.DemandCharges)
        {
            json.WriteStartObject();
            json.WriteString("id", charge.Id);
            json.WriteNumber("perKw", charge.PerKw);
            json.WriteNumber("peakSoFarKw", Math.Round(charge.PeakSoFarKw, 3));
            if (charge.Intervals.Count > 0)
            {
                // An empty list would be refused: a charge over every slot has none.
                json.WriteStartArray("intervals");
                foreach (var interval in charge.Intervals)
                {
                    json.WriteStartObject();
                    json.WriteString("start", Format(interval.Start));
                    json.WriteString("end", Format(interval.End));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSessions(Utf8JsonWriter json, IReadOnlyList<Session> sessions)
    {
        json.WriteStartArray("sessions");
        foreach (var session in sessions)
        {
            json.WriteStartObject();
            json.WriteString("id", session.Id);
            json.WriteString("chargerId", session.ChargerId);
            if (session.VehicleId is { } vehicle)
            {
                json.WriteString("vehicleId", vehicle);
            }

            if (session.TransactionId is { } transaction)
            {
                json.WriteString("transactionId", transaction);
            }

            json.WriteString("arrival", Format(session.Arrival));
            json.WriteString("departure", Format(session.Departure));
            json.WriteNumber("energyKwh", session.EnergyKwh);
            json.WriteNumber("maxCurrentA", session.MaxCurrentA);
            json.WriteNumber("phases", session.Phases);
            if (session.MinCurrentA is { } min)
            {
                json.WriteNumber("minCurrentA", min);
            }

            if (session.TopUpKwh > 0)
            {
                json.WriteNumber("topUpKwh", session.TopUpKwh);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    // An interval of the scenario file: an optional id, its start and end, and one value.
    private static void WriteSpan(Utf8JsonWriter json, string? id, Instant start, Instant end, string valueName, double value)
    {
        json.WriteStartObject();
        if (id is not null)
        {
            json.WriteString("id", id);
        }

        json.WriteString("start", Format(start));
        json.WriteString("end", Format(end));
        json.WriteNumber(valueName, value);
        json.WriteEndObject();
    }

    private static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}
