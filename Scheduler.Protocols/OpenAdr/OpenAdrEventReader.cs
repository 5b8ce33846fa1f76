using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Scheduler.Protocols.Input;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.OpenAdr;

/// <summary>
/// Reads OpenADR 3.0.1 / 3.1 <c>event</c> objects (one, or an array of them) into <see cref="OpenAdrEvent"/>s,
/// resolving every interval's window and reporting bad input with its JSON path.
/// </summary>
/// <remarks>
/// Interval timing (User Guide §7.3, §7.4): the event's <c>intervalPeriod</c> is the default; an interval's own
/// period overrides it field by field; the first interval without a start begins at the event's start, and a later
/// one immediately after the previous interval (which is start + i·duration when all durations are equal).
/// A start of <c>0001-01-01</c> means "now"; a duration of <c>P9999Y</c> means open-ended.
/// </remarks>
public static class OpenAdrEventReader
{
    /// <summary>Reads one event object or an array of event objects.</summary>
    /// <param name="json">The document text.</param>
    /// <param name="now">The instant the document is read at; it stands for the start sentinel <c>0001-01-01</c>.</param>
    /// <returns>The events read and the problems found.</returns>
    public static OpenAdrReadResult Read(string json, Instant now)
    {
        var document = JsonInput.Parse(json, out var problems);
        if (document is null)
        {
            return new([], [.. problems.Select(p => new OpenAdrIssue(p.Path, p.Message))], []);
        }

        using (document)
        {
            var context = new ReadContext(now);
            var root = document.RootElement;
            var events = new List<OpenAdrEvent>();
            if (root.ValueKind == JsonValueKind.Array)
            {
                if (root.GetArrayLength() > InputLimits.MaxSignalIntervals)
                {
                    context.Error(JsonPath.Root, string.Create(CultureInfo.InvariantCulture,
                        $"holds {root.GetArrayLength():N0} events, more than the {InputLimits.MaxSignalIntervals:N0} intervals a document of events may hold"));
                    return new([], context.Errors, []);
                }

                var i = 0;
                foreach (var item in root.EnumerateArray())
                {
                    if (context.IsFull)
                    {
                        break;
                    }

                    AddIfRead(events, context, item, JsonPath.Index(JsonPath.Root, i));
                    i++;
                }
            }
            else
            {
                AddIfRead(events, context, root, JsonPath.Root);
            }

            return new(events, context.Errors, context.Warnings);
        }
    }

    private static void AddIfRead(List<OpenAdrEvent> events, ReadContext context, JsonElement element, string path)
    {
        var before = context.Errors.Count;
        var read = ReadEvent(context, element, path);
        if (read is not null && context.Errors.Count == before)
        {
            events.Add(read);
        }
    }

    private static OpenAdrEvent? ReadEvent(ReadContext context, JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            context.Error(path, $"expected an event object, found {JsonPath.Describe(element)}");
            return null;
        }

        var id = OptionalId(context, element, path, "id");
        var programId = OptionalId(context, element, path, "programID");
        if (programId is null && !element.TryGetProperty("programID", out _))
        {
            context.Error(JsonPath.Property(path, "programID"), "an event needs a programID");
        }

        var eventName = OptionalString(context, element, path, "eventName");
        if (id is null && eventName is not null && Printable.IdProblem(eventName) is { } nameProblem)
        {
            // Without an id, the name tells the event apart, and stands for it in every signal and message.
            context.Error(JsonPath.Property(path, "eventName"), $"found {Printable.Quote(eventName)}, which {nameProblem}");
            eventName = null;
        }

        var key = id ?? eventName;
        if (key is null)
        {
            context.Error(JsonPath.Property(path, "id"), "an event needs an id (or, in a create request, an eventName) to be told apart from others");
        }

        int? priority = null;
        if (Present(element, "priority", out var priorityElement))
        {
            if (priorityElement.ValueKind == JsonValueKind.Number && priorityElement.TryGetInt32(out var p) && p >= 0)
            {
                priority = p;
            }
            else
            {
                context.Error(JsonPath.Property(path, "priority"), $"expected an integer 0 or above, found {JsonPath.Describe(priorityElement)}");
            }
        }

        Instant? modified = null;
        if (Present(element, "modificationDateTime", out var modifiedElement))
        {
            modified = ReadInstant(context, modifiedElement, JsonPath.Property(path, "modificationDateTime"), out _);
        }

        var targets = ReadTargets(context, element, path);
        var descriptors = ReadDescriptors(context, element, path);

        if (Present(element, "duration", out _))
        {
            context.Warning(JsonPath.Property(path, "duration"), "event.duration (looping or shortening the intervals) is not applied; the intervals are used as written");
        }

        var eventPeriod = Present(element, "intervalPeriod", out var periodElement)
            ? ReadPeriod(context, periodElement, JsonPath.Property(path, "intervalPeriod"))
            : null;

        // A start of 0001-01-01 with PT0S is how a VTN cancels an event (User Guide §7.9).
        var cancelled = eventPeriod is { StartIsSentinel: true, Duration: { IsZero: true } };

        var intervals = cancelled ? [] : ReadIntervals(context, element, path, eventPeriod, descriptors);
        CheckApart(context, intervals);
        if (programId is null || key is null)
        {
            return null;
        }

        return new OpenAdrEvent
        {
            Key = key,
            Id = id,
            ProgramId = programId,
            EventName = eventName,
            Priority = priority,
            Targets = targets,
            ModificationDateTime = modified,
            IsCancelled = cancelled,
            PayloadDescriptors = descriptors,
            Intervals = intervals,
            Path = path,
        };
    }

    private static List<OpenAdrInterval> ReadIntervals(
        ReadContext context, JsonElement element, string path, Period? eventPeriod, IReadOnlyList<OpenAdrPayloadDescriptor> descriptors)
    {
        var intervalsPath = JsonPath.Property(path, "intervals");
        var result = new List<OpenAdrInterval>();
        if (!Present(element, "intervals", out var intervals))
        {
            context.Error(intervalsPath, "an event needs intervals");
            return result;
        }

        if (intervals.ValueKind != JsonValueKind.Array || intervals.GetArrayLength() == 0)
        {
            context.Error(intervalsPath, $"expected a non-empty array of intervals, found {JsonPath.Describe(intervals)}");
            return result;
        }

        if (!context.Take(intervals.GetArrayLength(), intervalsPath))
        {
            return result;
        }

        Instant? previousEnd = null;
        var previousOpenEnded = false;
        var index = 0;
        foreach (var interval in intervals.EnumerateArray())
        {
            var intervalPath = JsonPath.Index(intervalsPath, index);
            var read = ReadInterval(context, interval, intervalPath, index, eventPeriod, previousEnd, previousOpenEnded, descriptors);
            if (read is not null)
            {
                result.Add(read);
                previousEnd = read.End;
                previousOpenEnded = read.End is null;
            }

            index++;
        }

        return result;
    }

    private static OpenAdrInterval? ReadInterval(
        ReadContext context,
        JsonElement interval,
        string path,
        int index,
        Period? eventPeriod,
        Instant? previousEnd,
        bool previousOpenEnded,
        IReadOnlyList<OpenAdrPayloadDescriptor> descriptors)
    {
        if (interval.ValueKind != JsonValueKind.Object)
        {
            context.Error(path, $"expected an interval object, found {JsonPath.Describe(interval)}");
            return null;
        }

        int? id = null;
        if (!Present(interval, "id", out var idElement))
        {
            context.Error(JsonPath.Property(path, "id"), "an interval needs an id");
        }
        else if (idElement.ValueKind == JsonValueKind.Number && idElement.TryGetInt32(out var i))
        {
            id = i;
        }
        else
        {
            context.Error(JsonPath.Property(path, "id"), $"expected an integer, found {JsonPath.Describe(idElement)}");
        }

        var own = Present(interval, "intervalPeriod", out var ownElement)
            ? ReadPeriod(context, ownElement, JsonPath.Property(path, "intervalPeriod"))
            : null;
        var payloads = ReadPayloads(context, interval, path, descriptors);

        // The interval's own period overrides the event's, field by field.
        var hasStart = own?.HasStart == true || eventPeriod?.HasStart == true;
        if (!hasStart)
        {
            context.Error(
                JsonPath.Property(path, "intervalPeriod"),
                "no start: without an event-level intervalPeriod.start, every interval needs intervalPeriod.start");
            return null;
        }

        if (id is null || payloads is null)
        {
            return null;
        }

        Instant start;
        if (own is { HasStart: true, StartIsSentinel: false })
        {
            start = own.Start;
        }
        else if (index == 0)
        {
            // The first interval starts with the event; a "now" sentinel at the interval means the event's start if it has one.
            start = eventPeriod is { HasStart: true } ? eventPeriod.Start : own!.Start;
        }
        else if (previousOpenEnded)
        {
            context.Error(path, "follows an open-ended (P9999Y) interval, so it never starts; give it its own intervalPeriod.start");
            return null;
        }
        else if (previousEnd is { } followOn)
        {
            // A later interval without its own start follows the previous one immediately (User Guide §7.3).
            start = followOn;
        }
        else
        {
            // The previous interval was not read; its error is already reported.
            return null;
        }

        var duration = own?.Duration ?? eventPeriod?.Duration ?? OpenAdrDuration.Zero;
        var randomize = own?.RandomizeStart ?? eventPeriod?.RandomizeStart ?? Duration.Zero;
        Instant? end;
        try
        {
            end = duration.AddTo(start);
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            end = Instant.MaxValue;
        }

        if (end is { } last && last.InUtc().Year > InputLimits.MaxYear)
        {
            context.Error(path, $"its start plus duration is beyond the year {InputLimits.MaxYear}; write P9999Y for an open-ended interval");
            return null;
        }

        return new OpenAdrInterval(id.Value, start, end, randomize, payloads, path);
    }

    private static List<OpenAdrPayload>? ReadPayloads(
        ReadContext context, JsonElement interval, string path, IReadOnlyList<OpenAdrPayloadDescriptor> descriptors)
    {
        var payloadsPath = JsonPath.Property(path, "payloads");
        if (!Present(interval, "payloads", out var payloads))
        {
            context.Error(payloadsPath, "an interval needs payloads");
            return null;
        }

        if (payloads.ValueKind != JsonValueKind.Array)
        {
            context.Error(payloadsPath, $"expected an array of payloads, found {JsonPath.Describe(payloads)}");
            return null;
        }

        var result = new List<OpenAdrPayload>();
        var ok = true;
        var index = 0;
        foreach (var payload in payloads.EnumerateArray())
        {
            var payloadPath = JsonPath.Index(payloadsPath, index++);
            var read = ReadPayload(context, payload, payloadPath, descriptors);
            if (read is null)
            {
                ok = false;
            }
            else if (read.Type is OpenAdrPayload.ImportCapacityLimit or OpenAdrPayload.Price or OpenAdrPayload.Simple)
            {
                result.Add(read);
            }
        }

        return ok ? result : null;
    }

    private static OpenAdrPayload? ReadPayload(
        ReadContext context, JsonElement payload, string path, IReadOnlyList<OpenAdrPayloadDescriptor> descriptors)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            context.Error(path, $"expected a payload object with type and values, found {JsonPath.Describe(payload)}");
            return null;
        }

        if (!Present(payload, "type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String || typeElement.GetString() is not { Length: > 0 } type)
        {
            context.Error(JsonPath.Property(path, "type"), "a payload needs a type, e.g. \"PRICE\"");
            return null;
        }

        var valuesPath = JsonPath.Property(path, "values");
        if (!Present(payload, "values", out var values) || values.ValueKind != JsonValueKind.Array)
        {
            context.Error(valuesPath, "a payload needs an array of values");
            return null;
        }

        if (type is not (OpenAdrPayload.ImportCapacityLimit or OpenAdrPayload.Price or OpenAdrPayload.Simple))
        {
            // Payload types the scheduler does not act on (EXPORT_CAPACITY_LIMIT, GHG, ALERT_…) are skipped unread.
            return new OpenAdrPayload(type, [], path);
        }

        if (values.GetArrayLength() > InputLimits.MaxSignalIntervals)
        {
            context.Error(valuesPath, string.Create(CultureInfo.InvariantCulture, $"holds {values.GetArrayLength():N0} values, more than the {InputLimits.MaxSignalIntervals:N0} intervals a document of events may hold"));
            return null;
        }

        var numbers = new List<double>();
        var index = 0;
        foreach (var value in values.EnumerateArray())
        {
            if (value.ValueKind != JsonValueKind.Number || !double.IsFinite(value.GetDouble()))
            {
                context.Error(JsonPath.Index(valuesPath, index), $"a {type} value must be a number, found {JsonPath.Describe(value)}");
                return null;
            }

            numbers.Add(value.GetDouble());
            index++;
        }

        if (numbers.Count == 0)
        {
            context.Error(valuesPath, $"a {type} payload needs at least one value");
            return null;
        }

        // A multi-valued price splits its interval into one sub-interval per value, each a price of its own.
        if (!context.Take(numbers.Count - 1, valuesPath))
        {
            return null;
        }

        switch (type)
        {
            case OpenAdrPayload.ImportCapacityLimit:
                if (numbers.Count != 1 || numbers[0] < 0)
                {
                    context.Error(valuesPath, "IMPORT_CAPACITY_LIMIT takes exactly one value, zero or above");
                    return null;
                }

                var units = descriptors.FirstOrDefault(d => d.PayloadType == type)?.Units;
                if (units is null)
                {
                    context.Error(path, "IMPORT_CAPACITY_LIMIT needs a payloadDescriptor with units (KW or W); the units are never guessed");
                    return null;
                }

                if (!IsPowerUnit(units))
                {
                    context.Error(path, $"IMPORT_CAPACITY_LIMIT in \"{units}\" is not supported; expected KW or W");
                    return null;
                }

                break;
            case OpenAdrPayload.Simple:
                if (numbers.Count != 1 || numbers[0] is not (0 or 1 or 2 or 3))
                {
                    context.Error(valuesPath, "SIMPLE takes exactly one value, an integer 0, 1, 2 or 3");
                    return null;
                }

                break;
        }

        return new OpenAdrPayload(type, numbers, path);
    }

    private static bool IsPowerUnit(string units) =>
        string.Equals(units, "KW", StringComparison.OrdinalIgnoreCase) || string.Equals(units, "W", StringComparison.OrdinalIgnoreCase);

    private static List<OpenAdrPayloadDescriptor> ReadDescriptors(ReadContext context, JsonElement element, string path)
    {
        var result = new List<OpenAdrPayloadDescriptor>();
        if (!Present(element, "payloadDescriptors", out var descriptors))
        {
            return result;
        }

        var descriptorsPath = JsonPath.Property(path, "payloadDescriptors");
        if (descriptors.ValueKind != JsonValueKind.Array)
        {
            context.Error(descriptorsPath, $"expected an array, found {JsonPath.Describe(descriptors)}");
            return result;
        }

        var index = 0;
        foreach (var descriptor in descriptors.EnumerateArray())
        {
            var descriptorPath = JsonPath.Index(descriptorsPath, index++);
            if (descriptor.ValueKind != JsonValueKind.Object)
            {
                context.Error(descriptorPath, $"expected a payloadDescriptor object, found {JsonPath.Describe(descriptor)}");
                continue;
            }

            var payloadType = OptionalString(context, descriptor, descriptorPath, "payloadType");
            if (payloadType is null)
            {
                context.Error(JsonPath.Property(descriptorPath, "payloadType"), "a payloadDescriptor needs a payloadType");
                continue;
            }

            var currency = OptionalString(context, descriptor, descriptorPath, "currency");
            if (currency is not null && IsoCurrency.Expected(currency) is { } expected)
            {
                context.Error(JsonPath.Property(descriptorPath, "currency"), $"found {Printable.Quote(currency)}, {expected}");
                continue;
            }

            result.Add(new OpenAdrPayloadDescriptor(
                payloadType,
                OptionalString(context, descriptor, descriptorPath, "units"),
                currency));
        }

        return result;
    }

    private static List<string> ReadTargets(ReadContext context, JsonElement element, string path)
    {
        var result = new List<string>();
        if (!Present(element, "targets", out var targets))
        {
            return result;
        }

        var targetsPath = JsonPath.Property(path, "targets");
        if (targets.ValueKind != JsonValueKind.Array)
        {
            context.Error(targetsPath, $"expected an array of targets, found {JsonPath.Describe(targets)}");
            return result;
        }

        var index = 0;
        foreach (var target in targets.EnumerateArray())
        {
            var targetPath = JsonPath.Index(targetsPath, index++);
            if (target.ValueKind == JsonValueKind.String)
            {
                // OpenADR 3.1: a target is a string.
                AddTarget(context, target, targetPath, result);
            }
            else if (target.ValueKind == JsonValueKind.Object
                && target.TryGetProperty("values", out var values)
                && values.ValueKind == JsonValueKind.Array)
            {
                // OpenADR 3.0.1: a target is a valuesMap, e.g. { "type": "VEN_NAME", "values": ["ven-1"] }.
                var v = 0;
                foreach (var value in values.EnumerateArray())
                {
                    if (value.ValueKind == JsonValueKind.String)
                    {
                        AddTarget(context, value, JsonPath.Index(JsonPath.Property(targetPath, "values"), v), result);
                    }

                    v++;
                }
            }
            else
            {
                context.Error(targetPath, $"expected a target string (3.1) or a {{ type, values }} map (3.0.1), found {JsonPath.Describe(target)}");
            }
        }

        return result;
    }

    private static void AddTarget(ReadContext context, JsonElement target, string path, List<string> targets)
    {
        var name = target.GetString()!;
        if (Printable.IdProblem(name) is { } problem)
        {
            context.Error(path, $"found {Printable.Quote(name)}, which {problem}");
            return;
        }

        targets.Add(name);
    }

    /// <summary>
    /// Two intervals of one event that overlap with a payload of the same type would give the time two values:
    /// the intervals of an event follow one another.
    /// </summary>
    private static void CheckApart(ReadContext context, List<OpenAdrInterval> intervals)
    {
        foreach (var type in intervals.SelectMany(i => i.Payloads).Select(p => p.Type).Distinct(StringComparer.Ordinal))
        {
            var ordered = intervals.Where(i => i.Payloads.Any(p => p.Type == type)).OrderBy(i => i.Start).ToList();
            for (var k = 1; k < ordered.Count && !context.IsFull; k++)
            {
                var before = ordered[k - 1];
                if (before.End is not { } end || ordered[k].Start < end)
                {
                    context.Error(ordered[k].Path, string.Create(CultureInfo.InvariantCulture,
                        $"starts at {ordered[k].Start}, inside {before.Path} ({before.Start} to {(before.End is { } e ? e.ToString() : "open-ended")}), and both carry {type}: expected the intervals of one event to follow one another"));
                }
            }
        }
    }

    private static Period? ReadPeriod(ReadContext context, JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            context.Error(path, $"expected an intervalPeriod object, found {JsonPath.Describe(element)}");
            return null;
        }

        var period = new Period();
        if (Present(element, "start", out var start))
        {
            var read = ReadInstant(context, start, JsonPath.Property(path, "start"), out var sentinel);
            // A start that could not be read is reported here once; the intervals do not report it again.
            period.HasStart = true;
            period.StartIsSentinel = sentinel;
            period.Start = sentinel ? context.Now : read ?? default;
        }

        if (Present(element, "duration", out var duration))
        {
            period.Duration = ReadDuration(context, duration, JsonPath.Property(path, "duration"));
        }

        if (Present(element, "randomizeStart", out var randomize))
        {
            var read = ReadDuration(context, randomize, JsonPath.Property(path, "randomizeStart"));
            if (read is { IsOpenEnded: true } or { Years: > 0 })
            {
                context.Error(JsonPath.Property(path, "randomizeStart"), "expected a duration in weeks, days, hours, minutes or seconds");
            }
            else if (read is { } r)
            {
                period.RandomizeStart = r.FixedPart;
            }
        }

        return period;
    }

    private static OpenAdrDuration? ReadDuration(ReadContext context, JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            context.Error(path, $"expected an ISO 8601 duration string, found {JsonPath.Describe(element)}");
            return null;
        }

        if (!OpenAdrDuration.TryParse(element.GetString()!, out var duration, out var error))
        {
            context.Error(path, error!);
            return null;
        }

        return duration;
    }

    private static Instant? ReadInstant(ReadContext context, JsonElement element, string path, out bool isSentinel)
    {
        isSentinel = false;
        if (element.ValueKind != JsonValueKind.String)
        {
            context.Error(path, $"expected an RFC 3339 date-time string, found {JsonPath.Describe(element)}");
            return null;
        }

        var text = element.GetString()!;

        // "0001-01-01" (the beginning of time) stands for "now" (User Guide §7.3).
        if (text.StartsWith("0001-01-01", StringComparison.Ordinal))
        {
            isSentinel = true;
            return context.Now;
        }

        // RFC 3339 with Z or a numeric offset, fractional seconds optional.
        var offsetResult = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (offsetResult.Success && offsetResult.Value.Year is < InputLimits.MinYear or > InputLimits.MaxYear)
        {
            context.Error(path, $"found {JsonPath.Describe(element)}, expected an instant in the years {InputLimits.MinYear} to {InputLimits.MaxYear} (or 0001-01-01 for \"now\")");
            return null;
        }

        if (offsetResult.Success)
        {
            return offsetResult.Value.ToInstant();
        }

        context.Error(path, $"expected an RFC 3339 date-time with offset, e.g. 2023-02-10T00:00:00Z, found {JsonPath.Describe(element)}");
        return null;
    }

    private static string? OptionalString(ReadContext context, JsonElement element, string path, string name)
    {
        if (!Present(element, name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
        {
            return text;
        }

        context.Error(JsonPath.Property(path, name), $"expected a non-empty string, found {JsonPath.Describe(value)}");
        return null;
    }

    private static string? OptionalId(ReadContext context, JsonElement element, string path, string name)
    {
        var text = OptionalString(context, element, path, name);
        if (text is not null && Printable.IdProblem(text) is { } problem)
        {
            context.Error(JsonPath.Property(path, name), $"found {Printable.Quote(text)}, which {problem}");
            return null;
        }

        return text;
    }

    /// <summary>True when <paramref name="element"/> has property <paramref name="name"/> with a value other than null.</summary>
    private static bool Present(JsonElement element, string name, out JsonElement value) =>
        element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>An intervalPeriod as written, before it is combined with the event's.</summary>
    private sealed class Period
    {
        public bool HasStart { get; set; }

        public bool StartIsSentinel { get; set; }

        public Instant Start { get; set; }

        public OpenAdrDuration? Duration { get; set; }

        public NodaTime.Duration? RandomizeStart { get; set; }
    }

    private sealed class ReadContext(Instant now)
    {
        public Instant Now { get; } = now;

        public List<OpenAdrIssue> Errors { get; } = [];

        public List<OpenAdrIssue> Warnings { get; } = [];

        /// <summary>The intervals read so far, a multi-valued price counting one per value.</summary>
        public int Intervals { get; private set; }

        /// <summary>True once enough errors are found that the rest are likely alike.</summary>
        public bool IsFull => Errors.Count >= JsonInput.MaxProblems;

        public void Error(string path, string message)
        {
            if (!IsFull)
            {
                Errors.Add(new OpenAdrIssue(path, message));
            }
        }

        /// <summary>Counts <paramref name="count"/> more intervals, or records an error at <paramref name="path"/> where they are more than a document may hold.</summary>
        public bool Take(int count, string path)
        {
            if (Intervals + count > InputLimits.MaxSignalIntervals)
            {
                Error(path, string.Create(CultureInfo.InvariantCulture,
                    $"holds {count:N0} intervals, which with the {Intervals:N0} before them are more than the {InputLimits.MaxSignalIntervals:N0} a document of events may hold"));
                return false;
            }

            Intervals += count;
            return true;
        }

        public void Warning(string path, string message) => Warnings.Add(new OpenAdrIssue(path, message));
    }
}
