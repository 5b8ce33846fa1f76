using System.Text;
using System.Text.Json;
using NodaTime.Text;

namespace Scheduler.Cli.Simulation;

/// <summary>
/// Writes <c>result.json</c>: per strategy (<c>scheduler</c>, <c>uncontrolled</c>, <c>greedy</c>, <c>offline</c>) its
/// cost, currency, requested and delivered energy, share of drivers fully served, peak, violations and the bill of each
/// billing period (energy and each demand charge); and the
/// run's sessions, re-plans and wall time.
/// </summary>
internal static class SimulationResultWriter
{
    public static string Write(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            foreach (var strategy in result.Strategies)
            {
                json.WriteStartObject(strategy.Name);
                json.WriteNumber("cost", Math.Round(strategy.Cost, 4));
                json.WriteString("currency", strategy.Currency);
                json.WriteNumber("requestedKwh", Math.Round(strategy.RequestedKwh, 3));
                json.WriteNumber("deliveredKwh", Math.Round(strategy.DeliveredKwh, 3));
                json.WriteNumber("costPerKwh", Math.Round(strategy.CostPerKwh, 6));
                json.WriteNumber("fullyServedPct", Math.Round(strategy.FullyServedPct, 2));
                json.WriteNumber("peakKw", Math.Round(strategy.PeakKw, 3));
                json.WriteNumber("violations", strategy.Violations);
                if (strategy.LowerBound is { } bound)
                {
                    json.WriteNumber("lowerBound", Math.Round(bound, 4));
                }

                if (strategy.PlanObjective is { } objective)
                {
                    json.WriteNumber("planObjective", Math.Round(objective, 4));
                }

                if (strategy.PlanMs is { } planMs)
                {
                    json.WriteNumber("planMs", planMs);
                }

                WritePeriods(json, strategy.Periods);

                json.WriteEndObject();
            }

            json.WriteNumber("sessions", result.Sessions);
            json.WriteNumber("replans", result.Replans);
            json.WriteNumber("wallMs", result.WallMs);
            json.WriteStartArray("warnings");
            foreach (var warning in result.Warnings)
            {
                json.WriteStringValue(warning);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    // The bill of each billing period: its energy and what it cost, and each demand charge on the period's peak.
    private static void WritePeriods(Utf8JsonWriter json, IReadOnlyList<PeriodBill> periods)
    {
        json.WriteStartArray("periods");
        foreach (var period in periods)
        {
            json.WriteStartObject();
            json.WriteString("period", period.Period);
            json.WriteString("start", InstantPattern.ExtendedIso.Format(period.Start));
            json.WriteString("end", InstantPattern.ExtendedIso.Format(period.End));
            json.WriteNumber("energyKwh", Math.Round(period.EnergyKwh, 3));
            json.WriteNumber("energyCost", Math.Round(period.EnergyCost, 4));
            json.WriteStartArray("demandCharges");
            foreach (var charge in period.DemandCharges)
            {
                json.WriteStartObject();
                json.WriteString("id", charge.ChargeId);
                json.WriteNumber("perKw", charge.PerKw);
                json.WriteNumber("peakKw", Math.Round(charge.PeakKw, 3));
                json.WriteNumber("amount", Math.Round(charge.Amount, 4));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("total", Math.Round(period.Total, 4));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
