using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Plans;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Plans;

/// <summary>
/// Writes a <see cref="Plan"/> as a plan file (v1, see <c>Schemas/plan.v1.schema.json</c>): indented JSON,
/// camelCase names, instants as ISO 8601 with the site's offset at that instant.
/// </summary>
public static class PlanWriter
{
    /// <summary>The plan file format version written.</summary>
    public const int Version = 1;

    /// <summary>Decimals kept for amounts of money.</summary>
    public const int MoneyDecimals = 4;

    /// <summary>Decimals kept for prices per kWh (day-ahead prices in currency/MWh with 2 decimals need 5).</summary>
    public const int PriceDecimals = 6;

    /// <summary>Decimals kept for kW, kWh and percentages.</summary>
    public const int QuantityDecimals = 3;

    /// <summary>Writes <paramref name="plan"/> for the site of <paramref name="problem"/>.</summary>
    /// <param name="plan">The plan to write.</param>
    /// <param name="problem">The problem it solves: its site gives the id and the time zone, its sessions the vehicle and transaction ids.</param>
    /// <returns>The plan file's JSON text, indented, with LF line ends.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A number of the plan is NaN or infinite.</exception>
    public static string Write(Plan plan, PlanningProblem problem) => Write(plan, problem, null);

    /// <summary>Writes <paramref name="plan"/> with the charging profiles made from it.</summary>
    /// <param name="plan">The plan to write.</param>
    /// <param name="problem">The problem it solves.</param>
    /// <param name="profiles">The OCPP charging profiles for its sessions and chargers; null or empty writes none.</param>
    /// <returns>The plan file's JSON text, indented, with LF line ends.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A number of the plan is NaN or infinite.</exception>
    public static string Write(Plan plan, PlanningProblem problem, IReadOnlyList<Ocpp.ChargingProfile>? profiles)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(problem);
        var options = new JsonWriterOptions
        {
            Indented = true,
            NewLine = "\n",

            // The file is not embedded in HTML, so '+' in offsets and non-ASCII ids stay readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            WritePlan(writer, plan, problem, profiles ?? []);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WritePlan(Utf8JsonWriter writer, Plan plan, PlanningProblem problem, IReadOnlyList<Ocpp.ChargingProfile> profiles)
    {
        var zone = problem.Site.TimeZone;
        writer.WriteStartObject();
        writer.WriteNumber("version", Version);
        writer.WriteString("siteId", problem.Site.Id);
        writer.WriteString("status", plan.Status.ToString());
        if (plan.FallbackReason is { } reason)
        {
            writer.WriteString("fallbackReason", reason);
        }

        writer.WriteString("currency", plan.Currency);
        writer.WriteRounded("cost", plan.Cost, MoneyDecimals);
        writer.WriteRounded("energyCost", plan.EnergyCost, MoneyDecimals);
        writer.WriteRounded("demandCost", plan.DemandCost, MoneyDecimals);
        writer.WriteStartArray("demandCharges");
        foreach (var bill in plan.DemandCharges)
        {
            WriteDemandCharge(writer, bill);
        }

        writer.WriteEndArray();
        writer.WriteRounded("peakKw", plan.PeakKw, QuantityDecimals);
        writer.WriteRounded("objective", plan.Objective, MoneyDecimals);
        writer.WriteRoundedOrNull("lowerBound", plan.LowerBound, MoneyDecimals);
        writer.WriteRoundedOrNull("gapPct", plan.GapPct, QuantityDecimals);
        writer.WriteNumber("solveMs", plan.SolveMs);

        // Savings from the rounded amounts, so that the file's numbers add up.
        writer.WriteRounded("baselineCost", plan.Baseline.Cost, MoneyDecimals);
        writer.WriteNumber(
            "savings",
            JsonWriterExtensions.Round(plan.Baseline.Cost, MoneyDecimals) - JsonWriterExtensions.Round(plan.Cost, MoneyDecimals));
        writer.WriteStartObject("baseline");
        writer.WriteRounded("cost", plan.Baseline.Cost, MoneyDecimals);
        writer.WriteRounded("deliveredKwh", plan.Baseline.DeliveredKwh, QuantityDecimals);
        writer.WriteRounded("peakKw", plan.Baseline.PeakKw, QuantityDecimals);
        writer.WriteEndObject();

        writer.WriteRounded("requestedKwh", plan.RequestedKwh, QuantityDecimals);
        writer.WriteRounded("deliveredKwh", plan.DeliveredKwh, QuantityDecimals);
        writer.WriteRounded("shortfallKwh", plan.ShortfallKwh, QuantityDecimals);

        writer.WriteStartObject("planning");
        writer.WriteInstant("start", plan.Window.Start, zone);
        writer.WriteInstant("end", plan.Window.End, zone);
        writer.WriteNumber("slotMinutes", (long)plan.Window.SlotLength.TotalMinutes);
        writer.WriteEndObject();

        var sessions = new Dictionary<string, Session>(StringComparer.Ordinal);
        foreach (var session in problem.Sessions)
        {
            sessions.TryAdd(session.Id, session);
        }

        writer.WriteStartArray("sessions");
        foreach (var session in plan.Sessions)
        {
            WriteSession(writer, session, sessions.GetValueOrDefault(session.SessionId), zone);
        }

        writer.WriteEndArray();

        writer.WriteStartArray("siteLoad");
        foreach (var slot in plan.SiteLoad)
        {
            WriteSiteLoad(writer, slot, zone);
        }

        writer.WriteEndArray();
        if (profiles.Count > 0)
        {
            writer.WriteStartArray("chargingProfiles");
            foreach (var profile in profiles)
            {
                WriteProfile(writer, profile);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteDemandCharge(Utf8JsonWriter writer, DemandChargeBill bill)
    {
        writer.WriteStartObject();
        writer.WriteString("id", bill.ChargeId);
        writer.WriteRounded("perKw", bill.PerKw, PriceDecimals);
        writer.WriteRounded("peakKw", bill.PeakKw, QuantityDecimals);
        writer.WriteRounded("peakSoFarKw", bill.PeakSoFarKw, QuantityDecimals);
        writer.WriteRounded("billedKw", bill.BilledKw, QuantityDecimals);
        writer.WriteRounded("amount", bill.Amount, MoneyDecimals);
        writer.WriteNumber("coveredSlots", bill.CoveredSlots);
        writer.WriteEndObject();
    }

    private static void WriteProfile(Utf8JsonWriter writer, Ocpp.ChargingProfile profile)
    {
        writer.WriteStartObject();
        if (profile.SessionId is { } sessionId)
        {
            writer.WriteString("sessionId", sessionId);
        }

        writer.WriteString("chargerId", profile.ChargerId);
        writer.WriteString("ocppVersion", profile.OcppVersion == Ocpp.OcppVersion.V16 ? "1.6" : "2.0.1");
        writer.WriteString("purpose", profile.Purpose.ToString());
        writer.WriteBoolean("dispatchable", profile.IsDispatchable);
        if (profile.NotDispatchableReason is { } reason)
        {
            writer.WriteString("notDispatchableReason", reason);
        }

        writer.WriteRounded("energyLostKwh", profile.EnergyLostKwh, QuantityDecimals);
        writer.WritePropertyName("payload");
        profile.Payload.WriteTo(writer);
        writer.WriteEndObject();
    }

    private static void WriteSession(Utf8JsonWriter writer, SessionPlan plan, Session? session, DateTimeZone zone)
    {
        writer.WriteStartObject();
        writer.WriteString("id", plan.SessionId);
        writer.WriteString("chargerId", plan.ChargerId);
        if (session?.VehicleId is { } vehicleId)
        {
            writer.WriteString("vehicleId", vehicleId);
        }

        if (session?.TransactionId is { } transactionId)
        {
            writer.WriteString("transactionId", transactionId);
        }

        writer.WriteNumber("phases", plan.Phases);
        writer.WriteRounded("requestedKwh", plan.RequestedKwh, QuantityDecimals);
        writer.WriteRounded("deliveredKwh", plan.DeliveredKwh, QuantityDecimals);
        writer.WriteRounded("shortfallKwh", plan.ShortfallKwh, QuantityDecimals);
        if (plan.Note is { } note)
        {
            writer.WriteStartObject("note");
            writer.WriteString("code", note.Code);
            writer.WriteString("message", note.Message);
            writer.WriteEndObject();
        }

        writer.WriteStartArray("periods");
        foreach (var period in plan.Periods)
        {
            writer.WriteStartObject();
            writer.WriteInstant("start", period.Start, zone);
            writer.WriteInstant("end", period.End, zone);
            writer.WriteNumber("currentA", period.CurrentA);
            writer.WriteRounded("powerKw", period.PowerKw, QuantityDecimals);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteSiteLoad(Utf8JsonWriter writer, SiteLoadSlot slot, DateTimeZone zone)
    {
        writer.WriteStartObject();
        writer.WriteInstant("start", slot.Start, zone);
        writer.WriteInstant("end", slot.End, zone);
        writer.WriteRounded("kw", slot.Kw, QuantityDecimals);
        writer.WriteRounded("chargingKw", slot.ChargingKw, QuantityDecimals);
        writer.WriteRounded("baseLoadKw", slot.BaseLoadKw, QuantityDecimals);
        writer.WriteRounded("limitKw", slot.LimitKw, QuantityDecimals);
        writer.WriteRounded("perKwh", slot.PerKwh, PriceDecimals);
        writer.WriteEndObject();
    }
}
