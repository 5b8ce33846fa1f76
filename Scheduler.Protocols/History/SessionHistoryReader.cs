using System.Globalization;
using Scheduler.Protocols.Input;

namespace Scheduler.Protocols.History;

/// <summary>
/// Reads histories of real charging sessions for <c>scheduler simulate</c>: when each vehicle arrived and left, the energy
/// it really took, and what its driver announced. Bad input never throws: it comes back as errors with their place
/// (a JSON path, or a CSV line and column) and what was expected. Pure: the caller reads the file.
/// </summary>
public static class SessionHistoryReader
{
    /// <summary>The most errors reported for one history; after these, the rest are likely consequences.</summary>
    public const int MaxErrors = 20;

    private const string BothFormats =
        "expected ACN-Data JSON (an object with \"_items\", or an array of its sessions) "
        + "or a session CSV (a header with the columns arrival, departure, energyKwh)";

    /// <summary>Reads a history in either format, recognised from its content.</summary>
    /// <param name="text">The whole file; a leading byte order mark is ignored.</param>
    /// <returns>
    /// <see cref="SessionHistoryFormat.AcnData"/> for a JSON object with <c>_items</c> or a JSON array of ACN-Data sessions
    /// (or for any text starting with <c>{</c> or <c>[</c> that is not valid JSON: then the error is where its syntax breaks);
    /// <see cref="SessionHistoryFormat.Csv"/> where the first non-blank line is a CSV header naming one of the CSV's columns;
    /// otherwise a result without a format and one error naming the two formats accepted.
    /// </returns>
    public static SessionHistoryResult Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TooLarge(text) is { } tooLarge)
        {
            return tooLarge;
        }

        var content = WithoutByteOrderMark(text);
        var start = content.AsSpan().TrimStart();
        if (start.StartsWith("{", StringComparison.Ordinal) || start.StartsWith("[", StringComparison.Ordinal))
        {
            var found = new SessionHistoryCollector(SessionHistoryFormat.AcnData);
            using var document = AcnDataReader.Parse(content, found);
            if (document is null)
            {
                return found.ToResult();
            }

            if (!AcnDataReader.Recognises(document.RootElement))
            {
                return Unknown("$", "is JSON but not ACN-Data: " + BothFormats);
            }

            AcnDataReader.Read(document.RootElement, found);
            return found.ToResult();
        }

        var lines = Lines(content);
        if (SessionHistoryCsvReader.Recognises(lines))
        {
            return ReadLines(lines);
        }

        var first = Array.FindIndex(lines, static l => !string.IsNullOrWhiteSpace(l));
        return first < 0
            ? Unknown("line 1", "is empty: " + BothFormats)
            : Unknown($"line {first + 1}", "is in neither format: " + BothFormats);
    }

    /// <summary>Reads Caltech ACN-Data JSON (ev.caltech.edu/dataset).</summary>
    /// <param name="json">
    /// <c>{"_meta":…,"_items":[…]}</c> as the API returns it, or a bare array of its items. Each item needs
    /// <c>sessionID</c> (→ <see cref="HistoricalSession.Id"/>, unique), <c>connectionTime</c> and <c>disconnectTime</c>
    /// (→ arrival and departure; RFC 1123 in GMT, e.g. <c>"Tue, 01 Dec 2020 13:59:06 GMT"</c>, with a day of the week that
    /// matches the date) and <c>kWhDelivered</c> (→ <see cref="HistoricalSession.EnergyKwh"/>, zero or above);
    /// <c>stationID</c> (→ <see cref="HistoricalSession.ChargerId"/>) may be null. <c>userInputs</c> is null or a list of
    /// the driver's inputs, each one <see cref="Announcement"/>: <c>modifiedAt</c> (→ <see cref="Announcement.At"/>),
    /// <c>requestedDeparture</c> and <c>kWhRequested</c> (either may be null). Other fields, such as <c>_meta</c>,
    /// <c>doneChargingTime</c> or <c>milesRequested</c>, are ignored: the API adds fields.
    /// </param>
    /// <returns>
    /// The sessions, each with its announcements sorted by <c>modifiedAt</c>; or errors at their JSON path
    /// (<c>$._items[4].connectionTime</c>). A <c>disconnectTime</c> not after its <c>connectionTime</c> is an error, not a
    /// session silently dropped, as are a repeated <c>sessionID</c> and a negative kWh. A user input with neither a departure
    /// nor an energy, or made at or after the disconnect (JPL drivers sometimes edit as they unplug), is left out with a warning.
    /// </returns>
    public static SessionHistoryResult ReadAcnData(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var found = new SessionHistoryCollector(SessionHistoryFormat.AcnData);
        using var document = AcnDataReader.Parse(WithoutByteOrderMark(json), found);
        if (document is not null)
        {
            AcnDataReader.Read(document.RootElement, found);
        }

        return found.ToResult();
    }

    /// <summary>Reads our plain session CSV.</summary>
    /// <param name="text">
    /// <para>
    /// A header, then one session a line. Header names are case-insensitive and in any order:
    /// <c>arrival</c>, <c>departure</c> and <c>energyKwh</c> are required; <c>chargerId</c>, <c>id</c>,
    /// <c>announcedDeparture</c> and <c>announcedEnergyKwh</c> are optional; other columns are ignored with a warning.
    /// </para>
    /// <para>
    /// Times are ISO 8601 with an offset, e.g. <c>2026-03-10T07:45:00+01:00</c> or <c>…Z</c>: a local time without
    /// an offset is an error, as it is ambiguous at DST changes. Energies are kWh at the meter, zero or above, with
    /// <c>.</c> decimals. Optional cells may be empty; a cell in double quotes may hold commas (and <c>""</c> for a quote),
    /// but not a line break. Each line has as many cells as the header. Blank lines are skipped.
    /// </para>
    /// <para>
    /// A session without an id is named <c>line-&lt;n&gt;</c> after its line; ids must be unique. Where
    /// <c>announcedDeparture</c> or <c>announcedEnergyKwh</c> is given, the session has one <see cref="Announcement"/>
    /// made at its arrival.
    /// </para>
    /// </param>
    /// <returns>The sessions, or errors located as <c>line 7, column announcedDeparture</c>.</returns>
    /// <example>
    /// <code>
    /// id,chargerId,arrival,departure,energyKwh,announcedDeparture,announcedEnergyKwh
    /// s1,cp-1,2026-03-10T07:45:00+01:00,2026-03-10T16:30:00+01:00,18.2,2026-03-10T17:00:00+01:00,25
    /// </code>
    /// </example>
    public static SessionHistoryResult ReadCsv(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TooLarge(text) is { } tooLarge)
        {
            return tooLarge;
        }

        return ReadLines(Lines(WithoutByteOrderMark(text)));
    }

    private static SessionHistoryResult ReadLines(string[] lines)
    {
        var found = new SessionHistoryCollector(SessionHistoryFormat.Csv);
        SessionHistoryCsvReader.Read(lines, found);
        return found.ToResult();
    }

    // A UTF-8 file within the limit has no more characters than bytes.
    private static SessionHistoryResult? TooLarge(string text) => text.Length > InputLimits.MaxInputBytes
        ? Unknown("line 1", string.Create(CultureInfo.InvariantCulture, $"starts a text of {text.Length:N0} characters, more than the {InputLimits.MaxInputBytes:N0} (64 MiB) a history may hold"))
        : null;

    private static SessionHistoryResult Unknown(string location, string message) =>
        new(null, [], [new SessionHistoryError(location, message)], []);

    private static string WithoutByteOrderMark(string text) => text.StartsWith('\uFEFF') ? text[1..] : text;

    private static string[] Lines(string text) => text.Split('\n').Select(static l => l.TrimEnd('\r')).ToArray();
}
