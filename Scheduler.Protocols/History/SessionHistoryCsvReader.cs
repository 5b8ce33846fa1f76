using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Scheduler.Protocols.Input;

namespace Scheduler.Protocols.History;

/// <summary>Reads our session CSV; see <see cref="SessionHistoryReader.ReadCsv"/> for the format.</summary>
internal static class SessionHistoryCsvReader
{
    public const string Arrival = "arrival";
    public const string Departure = "departure";
    public const string EnergyKwh = "energyKwh";
    public const string ChargerId = "chargerId";

    /// <summary>The optional column of the vehicle (or driver), whose habits are learned.</summary>
    public const string VehicleId = "vehicleId";
    public const string Id = "id";
    public const string AnnouncedDeparture = "announcedDeparture";
    public const string AnnouncedEnergyKwh = "announcedEnergyKwh";

    private const string TimeExample = "2026-03-10T07:45:00+01:00";

    private static readonly string[] Required = [Arrival, Departure, EnergyKwh];

    private static readonly string[] Known = [Arrival, Departure, EnergyKwh, ChargerId, VehicleId, Id, AnnouncedDeparture, AnnouncedEnergyKwh];

    /// <summary>True where the first non-blank line names at least one of our columns (then missing ones are errors, not an unknown format).</summary>
    public static bool Recognises(string[] lines)
    {
        var first = Array.FindIndex(lines, static l => !string.IsNullOrWhiteSpace(l));
        return first >= 0
            && CsvCells.Split(lines[first], out _) is { } cells
            && cells.Any(static c => Canonical(c) is not null);
    }

    public static void Read(string[] lines, SessionHistoryCollector found)
    {
        var headerIndex = Array.FindIndex(lines, static l => !string.IsNullOrWhiteSpace(l));
        if (headerIndex < 0)
        {
            found.Error("line 1", $"is empty: expected a header with the columns {string.Join(", ", Required)}");
            return;
        }

        var columns = Header(lines[headerIndex], LineName(headerIndex), found, out var headerCells);
        if (columns is null)
        {
            return;
        }

        if (lines.Length - headerIndex - 1 > InputLimits.MaxHistorySessions
            && lines.Skip(headerIndex + 1).Count(static l => !string.IsNullOrWhiteSpace(l)) is var sessions and > InputLimits.MaxHistorySessions)
        {
            found.Error(LineName(headerIndex + 1), string.Create(CultureInfo.InvariantCulture, $"starts {sessions:N0} sessions, more than the {InputLimits.MaxHistorySessions:N0} a history may hold"));
            return;
        }

        for (var i = headerIndex + 1; i < lines.Length && !found.IsFull; i++)
        {
            if (!string.IsNullOrWhiteSpace(lines[i]))
            {
                ReadSession(lines[i], i + 1, columns, headerCells, found);
            }
        }
    }

    /// <summary>The column of each name (canonical spelling), or null with errors where the header lacks a required column.</summary>
    private static Dictionary<string, int>? Header(string line, string where, SessionHistoryCollector found, out int count)
    {
        var cells = CsvCells.Split(line, out var problem);
        count = cells?.Count ?? 0;
        if (cells is null)
        {
            found.Error(where, problem!);
            return null;
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var ok = true;
        for (var c = 0; c < cells.Count; c++)
        {
            var name = Canonical(cells[c]);
            var place = string.Create(CultureInfo.InvariantCulture, $"{where}, column {c + 1}");
            if (name is null)
            {
                found.Warning(place, $"is {Printable.Quote(cells[c])}, not a column this reader knows; ignored");
            }
            else if (!columns.TryAdd(name, c))
            {
                found.Error(place, $"is {Printable.Quote(cells[c])} again: expected each column once");
                ok = false;
            }
        }

        foreach (var name in Required.Where(n => !columns.ContainsKey(n)))
        {
            found.Error(where, $"has no column {name}: expected a header with {string.Join(", ", Required)} (any order) and optionally {ChargerId}, {Id}, {AnnouncedDeparture}, {AnnouncedEnergyKwh}");
            ok = false;
        }

        return ok ? columns : null;
    }

    private static void ReadSession(string line, int number, Dictionary<string, int> columns, int headerCells, SessionHistoryCollector found)
    {
        var where = LineName(number - 1);
        var cells = CsvCells.Split(line, out var problem);
        if (cells is null)
        {
            found.Error(where, problem!);
            return;
        }

        // Exactly as many cells as the header: an extra one is most often a decimal comma (7,5) that would silently read as 7.
        if (cells.Count != headerCells)
        {
            found.Error(where, string.Create(CultureInfo.InvariantCulture, $"has {cells.Count} cells: expected {headerCells}, one per header column (quote a cell that holds a comma)"));
            return;
        }

        var errorsBefore = found.ErrorCount;
        string Cell(string name) => columns.TryGetValue(name, out var c) ? cells[c] : string.Empty;
        string At(string name) => $"{where}, column {name}";

        var arrival = Time(Cell(Arrival), At(Arrival), required: true, found);
        var departure = Time(Cell(Departure), At(Departure), required: true, found);
        var energy = Energy(Cell(EnergyKwh), At(EnergyKwh), required: true, found);
        var announcedDeparture = Time(Cell(AnnouncedDeparture), At(AnnouncedDeparture), required: false, found);
        var announcedEnergy = Energy(Cell(AnnouncedEnergyKwh), At(AnnouncedEnergyKwh), required: false, found);
        if (arrival is { } a && departure is { } d && HistoricalSession.StayProblem(a, d, $"the arrival {Cell(Arrival)}") is { } stay)
        {
            found.Error(At(Departure), $"is {Cell(Departure)}, {stay}");
        }

        foreach (var name in (ReadOnlySpan<string>)[Id, ChargerId, VehicleId])
        {
            if (Printable.IdProblem(Cell(name)) is { } idProblem)
            {
                found.Error(At(name), $"is {Printable.Quote(Cell(name))}, which {idProblem}");
            }
        }

        var givenId = Cell(Id);
        var id = givenId.Length > 0 ? givenId : string.Create(CultureInfo.InvariantCulture, $"line-{number}");
        if (!found.Unique(id, givenId.Length > 0 ? At(Id) : where))
        {
            return;
        }

        if (found.ErrorCount == errorsBefore && arrival is { } arrived && departure is { } left && energy is { } kwh)
        {
            List<Announcement> announcements = announcedDeparture is null && announcedEnergy is null
                ? []
                : [new Announcement(arrived, announcedDeparture, announcedEnergy)];
            var chargerId = Cell(ChargerId);
            var vehicleId = Cell(VehicleId);
            found.Add(new HistoricalSession(id, chargerId.Length > 0 ? chargerId : null, arrived, left, kwh, announcements) { VehicleId = vehicleId.Length > 0 ? vehicleId : null });
        }
    }

    private static Instant? Time(string cell, string where, bool required, SessionHistoryCollector found)
    {
        if (cell.Length == 0)
        {
            if (required)
            {
                found.Error(where, $"is empty: expected an ISO 8601 date-time with offset, e.g. {TimeExample}");
            }

            return null;
        }

        var parsed = OffsetDateTimePattern.ExtendedIso.Parse(cell);
        if (parsed.Success && parsed.Value.Year is < InputLimits.MinYear or > InputLimits.MaxYear)
        {
            found.Error(where, $"is {Printable.Quote(cell)}: expected a time in the years {InputLimits.MinYear} to {InputLimits.MaxYear}");
            return null;
        }

        if (parsed.Success)
        {
            return parsed.Value.ToInstant();
        }

        found.Error(where, LocalDateTimePattern.ExtendedIso.Parse(cell).Success
            ? $"is {Printable.Quote(cell)}, a local time: an offset is required (local times are ambiguous at DST changes), e.g. {TimeExample}"
            : $"is {Printable.Quote(cell)}: expected an ISO 8601 date-time with offset, e.g. {TimeExample}");
        return null;
    }

    private static double? Energy(string cell, string where, bool required, SessionHistoryCollector found)
    {
        if (cell.Length == 0)
        {
            if (required)
            {
                found.Error(where, "is empty: expected a number of kWh with '.' decimals, zero or above, e.g. 7.5");
            }

            return null;
        }

        if (!double.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var kwh)
            || !double.IsFinite(kwh))
        {
            found.Error(where, $"is {Printable.Quote(cell)}: expected a number of kWh with '.' decimals, e.g. 7.5");
            return null;
        }

        if (kwh < 0)
        {
            found.Error(where, $"is {cell}: expected zero or above");
            return null;
        }

        return kwh;
    }

    private static string? Canonical(string name) =>
        Array.Find(Known, k => string.Equals(k, name.Trim(), StringComparison.OrdinalIgnoreCase));

    private static string LineName(int index) => string.Create(CultureInfo.InvariantCulture, $"line {index + 1}");
}
