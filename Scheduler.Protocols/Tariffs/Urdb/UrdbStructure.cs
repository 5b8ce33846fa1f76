using System.Globalization;
using System.Text.Json;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Tariffs.Urdb;

/// <summary>
/// Reads a URDB rate structure (<c>energyratestructure</c>, <c>flatdemandstructure</c>, <c>demandratestructure</c>):
/// an array of periods, each an array of tiers <c>{rate, adj?, max?, unit?}</c>, into one charge per period, rate + adj.
/// </summary>
/// <remarks>
/// A tier's price applies to the usage between the tier's <c>max</c> and the one before it in the month, which a plan
/// of a day or two cannot know: a period whose tiers have different prices is an error, never a guess. Tiers of one
/// price are one price.
/// </remarks>
internal static class UrdbStructure
{
    /// <summary>The charge of each period, or null with the errors recorded at their paths.</summary>
    /// <param name="rate">The rate object.</param>
    /// <param name="ratePath">Its JSON path.</param>
    /// <param name="name">The structure's property.</param>
    /// <param name="tierUnit">The unit a tier's <c>unit</c> must have where it has one (kWh for energy), or null where tiers carry none.</param>
    /// <param name="isDemand">True for a demand structure: a charge below zero would be a credit on the peak, which a plan cannot bill.</param>
    /// <param name="reader">Where errors go.</param>
    public static decimal[]? Read(JsonElement rate, string ratePath, string name, string? tierUnit, bool isDemand, TariffJson reader)
    {
        if (reader.Array(rate, ratePath, name) is not { } periods)
        {
            return null;
        }

        var path = JsonPath.Property(ratePath, name);
        if (periods.GetArrayLength() == 0)
        {
            reader.Errors.Add(new TariffError(path, "is an empty array: expected at least one period"));
            return null;
        }

        var before = reader.Errors.Count;
        var charges = new decimal[periods.GetArrayLength()];
        var p = 0;
        foreach (var period in periods.EnumerateArray())
        {
            charges[p] = ReadPeriod(period, JsonPath.Index(path, p), tierUnit, reader) ?? 0;
            if (isDemand && charges[p] < 0)
            {
                reader.Errors.Add(new TariffError(JsonPath.Index(path, p), string.Create(CultureInfo.InvariantCulture,
                    $"charges {charges[p]} per kW: a credit on the peak cannot be billed; expected zero or more")));
            }

            p++;
        }

        return reader.Errors.Count == before ? charges : null;
    }

    private static decimal? ReadPeriod(JsonElement period, string path, string? tierUnit, TariffJson reader)
    {
        if (period.ValueKind != JsonValueKind.Array || period.GetArrayLength() == 0)
        {
            reader.Errors.Add(new TariffError(path, $"is {JsonPath.Describe(period)}: expected an array of one or more tiers {{rate, adj}}"));
            return null;
        }

        var tiers = new List<decimal>();
        var t = 0;
        foreach (var tier in period.EnumerateArray())
        {
            if (ReadTier(tier, JsonPath.Index(path, t++), tierUnit, reader) is { } charge)
            {
                tiers.Add(charge);
            }
        }

        if (tiers.Count < period.GetArrayLength())
        {
            return null;
        }

        if (tiers.Distinct().Count() > 1)
        {
            reader.Errors.Add(new TariffError(path, string.Create(CultureInfo.InvariantCulture,
                $"has {tiers.Count} tiers of different prices ({string.Join(", ", tiers)}): a tier's price depends on the month's usage up to its max, which a plan cannot bill; expected one tier, or tiers of one price")));
            return null;
        }

        return tiers[0];
    }

    private static decimal? ReadTier(JsonElement tier, string path, string? tierUnit, TariffJson reader)
    {
        if (tier.ValueKind != JsonValueKind.Object)
        {
            reader.Errors.Add(new TariffError(path, $"is {JsonPath.Describe(tier)}: expected a tier {{rate, adj}}"));
            return null;
        }

        var before = reader.Errors.Count;
        var rate = reader.Number(tier, path, "rate");
        var adj = tier.TryGetProperty("adj", out _) ? reader.Number(tier, path, "adj") : 0;
        if (tierUnit is not null && tier.TryGetProperty("unit", out var unit) && !(unit.ValueKind == JsonValueKind.String && unit.GetString() == tierUnit))
        {
            reader.Errors.Add(new TariffError(JsonPath.Property(path, "unit"), $"is {JsonPath.Describe(unit)}: expected \"{tierUnit}\", the only unit a plan can price"));
        }

        return reader.Errors.Count == before ? rate + adj : null;
    }
}
