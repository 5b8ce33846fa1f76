using System.Globalization;
using System.Text.Json;
using NodaTime;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Tariffs.Urdb;

/// <summary>
/// A URDB period schedule: for weekdays and for weekends (Saturday and Sunday), a period index for each month and
/// local clock hour, as in <c>energyweekdayschedule</c> / <c>energyweekendschedule</c> (12 × 24, zero-based periods).
/// URDB has no holidays; a holiday is priced as its day of the week.
/// </summary>
internal sealed class UrdbSchedule
{
    private const int Months = 12;
    private const int Hours = 24;

    private readonly int[][] _weekday;
    private readonly int[][] _weekend;

    private UrdbSchedule(int[][] weekday, int[][] weekend)
    {
        _weekday = weekday;
        _weekend = weekend;
    }

    /// <summary>The period in force on <paramref name="date"/> in the clock hour from <paramref name="hour"/> (0 to 23).</summary>
    public int PeriodAt(LocalDate date, int hour)
    {
        var weekend = date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;
        return (weekend ? _weekend : _weekday)[date.Month - 1][hour];
    }

    /// <summary>Reads the weekday and weekend schedules named, each indexing the <paramref name="periods"/> periods of <paramref name="structure"/>.</summary>
    public static UrdbSchedule? Read(JsonElement rate, string ratePath, string weekdayName, string weekendName, string structure, int periods, TariffJson reader)
    {
        var weekday = ReadMatrix(rate, ratePath, weekdayName, structure, periods, reader);
        var weekend = ReadMatrix(rate, ratePath, weekendName, structure, periods, reader);
        return weekday is null || weekend is null ? null : new UrdbSchedule(weekday, weekend);
    }

    /// <summary>
    /// Reads <paramref name="count"/> period indexes of <paramref name="structure"/> from the array at
    /// <paramref name="path"/> (a schedule's month of 24 hours, or <c>flatdemandmonths</c>' 12 months).
    /// </summary>
    public static int[]? ReadPeriods(JsonElement array, string path, int count, string structure, int periods, TariffJson reader)
    {
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() != count)
        {
            var found = array.ValueKind == JsonValueKind.Array ? string.Create(CultureInfo.InvariantCulture, $"an array of {array.GetArrayLength()}") : JsonPath.Describe(array);
            reader.Errors.Add(new TariffError(path, string.Create(CultureInfo.InvariantCulture, $"is {found}: expected an array of {count} period indexes")));
            return null;
        }

        var indexes = new int[count];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var period) || period < 0 || period >= periods)
            {
                reader.Errors.Add(new TariffError(JsonPath.Index(path, i), string.Create(CultureInfo.InvariantCulture,
                    $"is {JsonPath.Describe(item)}: expected a period of {structure}, 0 to {periods - 1}")));
                return null;
            }

            indexes[i++] = period;
        }

        return indexes;
    }

    private static int[][]? ReadMatrix(JsonElement rate, string ratePath, string name, string structure, int periods, TariffJson reader)
    {
        if (reader.Array(rate, ratePath, name) is not { } months)
        {
            return null;
        }

        var path = JsonPath.Property(ratePath, name);
        if (months.GetArrayLength() != Months)
        {
            reader.Errors.Add(new TariffError(path, string.Create(CultureInfo.InvariantCulture, $"has {months.GetArrayLength()} months: expected {Months}, January to December, of {Hours} hours each")));
            return null;
        }

        var matrix = new int[Months][];
        var m = 0;
        foreach (var month in months.EnumerateArray())
        {
            if (ReadPeriods(month, JsonPath.Index(path, m), Hours, structure, periods, reader) is not { } hours)
            {
                return null;
            }

            matrix[m++] = hours;
        }

        return matrix;
    }
}
