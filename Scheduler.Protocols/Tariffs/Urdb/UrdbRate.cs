using System.Text.Json;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Tariffs.Urdb;

/// <summary>What a plan can bill of a URDB rate: its energy, flat (facility) demand and TOU demand charges by period, and the schedules that pick a period.</summary>
/// <param name="EnergyPerKwh">The price of each energy period, rate + adj, per kWh.</param>
/// <param name="EnergySchedule">Which energy period holds in each month and hour.</param>
/// <param name="FuelAdjustmentPerKwh">What each month (January first) adds to every energy price; zeros where the rate has none.</param>
/// <param name="FlatDemandPerKw">The price per kW of each flat demand period, billed on the month's peak at any hour; null without one.</param>
/// <param name="FlatDemandMonths">Which flat demand period holds in each month; null without one.</param>
/// <param name="TouDemandPerKw">The price per kW of each TOU demand period, billed on the month's peak within the period's hours; null without one.</param>
/// <param name="TouDemandSchedule">Which TOU demand period holds in each month and hour; null without one.</param>
internal sealed record UrdbRate(
    decimal[] EnergyPerKwh,
    UrdbSchedule EnergySchedule,
    decimal[] FuelAdjustmentPerKwh,
    decimal[]? FlatDemandPerKw,
    int[]? FlatDemandMonths,
    decimal[]? TouDemandPerKw,
    UrdbSchedule? TouDemandSchedule)
{
    private const string EnergyStructure = "energyratestructure";
    private const string FlatStructure = "flatdemandstructure";
    private const string FlatMonths = "flatdemandmonths";
    private const string TouStructure = "demandratestructure";
    private const string TouWeekday = "demandweekdayschedule";
    private const string TouWeekend = "demandweekendschedule";

    /// <summary>Reads the rate object at <paramref name="path"/>, or returns null with every error recorded at its path.</summary>
    public static UrdbRate? Read(JsonElement rate, string path, TariffJson reader)
    {
        var before = reader.Errors.Count;
        if (rate.ValueKind != JsonValueKind.Object)
        {
            reader.Errors.Add(new TariffError(path, $"is {JsonPath.Describe(rate)}: expected a URDB rate object"));
            return null;
        }

        UrdbUnbillable.Check(rate, path, reader);
        var energy = UrdbStructure.Read(rate, path, EnergyStructure, "kWh", isDemand: false, reader);
        var energySchedule = energy is null ? null : UrdbSchedule.Read(rate, path, "energyweekdayschedule", "energyweekendschedule", EnergyStructure, energy.Length, reader);
        var fuel = FuelAdjustments(rate, path, reader);
        var (flat, flatMonths) = ReadFlatDemand(rate, path, reader);
        var (tou, touSchedule) = ReadTouDemand(rate, path, reader);
        if (reader.Errors.Count > before || energy is null || energySchedule is null || fuel is null)
        {
            return null;
        }

        return new UrdbRate(energy, energySchedule, fuel, flat, flatMonths, tou, touSchedule);
    }

    private static (decimal[]? PerKw, int[]? Months) ReadFlatDemand(JsonElement rate, string path, TariffJson reader)
    {
        if (!Present(rate, FlatStructure) && !Present(rate, FlatMonths))
        {
            return (null, null);
        }

        // Each half means nothing without the other; the reader names whichever is missing.
        var perKw = UrdbStructure.Read(rate, path, FlatStructure, null, isDemand: true, reader);
        if (perKw is null || reader.Array(rate, path, FlatMonths) is not { } months)
        {
            return (null, null);
        }

        return (perKw, UrdbSchedule.ReadPeriods(months, JsonPath.Property(path, FlatMonths), 12, FlatStructure, perKw.Length, reader));
    }

    private static (decimal[]? PerKw, UrdbSchedule? Schedule) ReadTouDemand(JsonElement rate, string path, TariffJson reader)
    {
        if (!Present(rate, TouStructure) && !Present(rate, TouWeekday) && !Present(rate, TouWeekend))
        {
            return (null, null);
        }

        var perKw = UrdbStructure.Read(rate, path, TouStructure, null, isDemand: true, reader);
        return perKw is null ? (null, null) : (perKw, UrdbSchedule.Read(rate, path, TouWeekday, TouWeekend, TouStructure, perKw.Length, reader));
    }

    private static decimal[]? FuelAdjustments(JsonElement rate, string path, TariffJson reader)
    {
        const string Name = "fueladjustmentsmonthly";
        if (!Present(rate, Name))
        {
            return new decimal[12];
        }

        var array = rate.GetProperty(Name);
        var fieldPath = JsonPath.Property(path, Name);
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() != 12)
        {
            reader.Errors.Add(new TariffError(fieldPath, $"is {JsonPath.Describe(array)}: expected 12 numbers per kWh, January to December"));
            return null;
        }

        var adjustments = new decimal[12];
        var m = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetDecimal(out adjustments[m]))
            {
                reader.Errors.Add(new TariffError(JsonPath.Index(fieldPath, m), $"is {JsonPath.Describe(item)}: expected a number per kWh"));
                return null;
            }

            m++;
        }

        return adjustments;
    }

    /// <summary>URDB exports write absent structures as missing or null alike.</summary>
    internal static bool Present(JsonElement rate, string name) =>
        rate.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;
}
