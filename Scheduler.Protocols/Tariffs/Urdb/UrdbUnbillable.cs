using System.Globalization;
using System.Text.Json;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Tariffs.Urdb;

/// <summary>
/// The parts of a URDB rate that a plan cannot bill: each is an error naming its field, never an approximation.
/// A plan bills energy per kWh and demand per kW on the highest 15-minute average over a charge's slots within one
/// billing month; ratchets and look-backs (billing on earlier months' peaks), coincident demand (the site's demand at
/// the utility's system peak, unknown in advance), other demand windows, and units other than kW are outside that.
/// </summary>
internal static class UrdbUnbillable
{
    /// <summary>The demand averaging window the planner bills on, in minutes: its default slot.</summary>
    private const int PlannedDemandWindowMinutes = 15;

    /// <summary>Records an error for each unbillable part of <paramref name="rate"/>.</summary>
    public static void Check(JsonElement rate, string path, TariffJson reader)
    {
        RequireZero(rate, path, "demandratchetpercentage", "a ratchet bills a share of earlier months' peaks", reader);
        RequireZero(rate, path, "lookbackPercent", "a look-back bills a share of earlier months' peaks", reader);
        RequireZero(rate, path, "lookbackRange", "a look-back bills a share of earlier months' peaks", reader);
        RequireZero(rate, path, "lookbackMonths", "a look-back bills a share of earlier months' peaks", reader);
        RequireZero(rate, path, "coincidentratestructure", "coincident demand is billed at the utility's system peak, which is not known in advance", reader);
        RequireUnit(rate, path, "flatdemandunit", reader);
        RequireUnit(rate, path, "demandrateunit", reader);
        if (rate.TryGetProperty("demandwindow", out var window) && window.ValueKind != JsonValueKind.Null
            && !(window.ValueKind == JsonValueKind.Number && window.TryGetDecimal(out var minutes) && minutes == PlannedDemandWindowMinutes))
        {
            reader.Errors.Add(new TariffError(JsonPath.Property(path, "demandwindow"), string.Create(CultureInfo.InvariantCulture,
                $"is {JsonPath.Describe(window)}: a plan bills demand on {PlannedDemandWindowMinutes}-minute averages; expected {PlannedDemandWindowMinutes} minutes or no window")));
        }
    }

    /// <summary>A field that a plan can bill only where every number in it is zero (and every flag false).</summary>
    private static void RequireZero(JsonElement rate, string path, string name, string why, TariffJson reader)
    {
        if (rate.TryGetProperty(name, out var value) && !IsZero(value))
        {
            reader.Errors.Add(new TariffError(JsonPath.Property(path, name), $"is {Shown(value)}: {why}, which a plan cannot bill; expected it absent or zero"));
        }
    }

    private static void RequireUnit(JsonElement rate, string path, string name, TariffJson reader)
    {
        if (rate.TryGetProperty(name, out var unit) && unit.ValueKind != JsonValueKind.Null
            && !(unit.ValueKind == JsonValueKind.String && unit.GetString() == "kW"))
        {
            reader.Errors.Add(new TariffError(JsonPath.Property(path, name), $"is {JsonPath.Describe(unit)}: expected \"kW\", the only unit of demand a plan can bill"));
        }
    }

    private static bool IsZero(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.False => true,
        JsonValueKind.Number => value.GetDouble() == 0,
        JsonValueKind.String => value.GetString() is "" or "0",
        JsonValueKind.Array => value.EnumerateArray().All(IsZero),
        JsonValueKind.Object => value.EnumerateObject().All(p => p.Name is "unit" or "max" || IsZero(p.Value)),
        _ => false,
    };

    private static string Shown(JsonElement value)
    {
        const int MaxLength = 80;
        var text = value.GetRawText();
        return text.Length > MaxLength ? text[..MaxLength] + "…" : text;
    }
}
