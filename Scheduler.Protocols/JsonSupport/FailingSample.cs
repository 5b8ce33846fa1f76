using System.Text;
using System.Text.Json;

namespace Scheduler.Protocols.JsonSupport;

/// <summary>
/// A copy of a document that keeps, of each long array, only the items that fail their schema (at most a given
/// number, and the first item where none fails), with the way back from its places to the document's. A detailed
/// schema evaluation costs kilobytes per value it visits; on this copy it visits a few items, however long the
/// document's arrays are, and still finds every kind of error the document has, at the place it has it.
/// </summary>
internal sealed class FailingSample
{
    /// <summary>Arrays up to this length are copied whole: their detailed evaluation is cheap.</summary>
    private const int ShortArray = 100;

    private readonly EmbeddedSchema _schema;
    private readonly int _maxFailing;

    /// <summary>For each array that was cut, by its pointer in the copy: the document's index of each item kept.</summary>
    private readonly Dictionary<string, List<int>> _kept = new(StringComparer.Ordinal);

    private FailingSample(EmbeddedSchema schema, int maxFailing)
    {
        _schema = schema;
        _maxFailing = maxFailing;
    }

    /// <summary>The copy's text.</summary>
    public string Json { get; private set; } = string.Empty;

    /// <summary>Copies <paramref name="document"/>, cutting its long arrays down to their failing items.</summary>
    public static FailingSample Of(JsonElement document, EmbeddedSchema schema, int maxFailing)
    {
        var sample = new FailingSample(schema, maxFailing);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            sample.Write(writer, document, string.Empty, []);
        }

        sample.Json = Encoding.UTF8.GetString(buffer.ToArray());
        return sample;
    }

    /// <summary>The document's JSON Pointer for a pointer into the copy.</summary>
    public string Original(string pointer)
    {
        if (pointer.Length == 0)
        {
            return pointer;
        }

        var copy = new StringBuilder();
        var original = new StringBuilder();
        foreach (var step in pointer[1..].Split('/'))
        {
            var shown = _kept.TryGetValue(copy.ToString(), out var indices) && int.TryParse(step, out var index) && index < indices.Count
                ? indices[index].ToString(System.Globalization.CultureInfo.InvariantCulture)
                : step;
            copy.Append('/').Append(step);
            original.Append('/').Append(shown);
        }

        return original.ToString();
    }

    private void Write(Utf8JsonWriter writer, JsonElement element, string pointer, List<JsonStep> steps)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value, pointer + "/" + property.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal), [.. steps, new JsonStep(property.Name, null)]);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                var kept = Keep(element, steps);
                if (kept is not null)
                {
                    _kept[pointer] = kept;
                }

                // Items are reached by enumerating: indexing an array of objects walks it from the start every time.
                var at = 0;
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (kept is null || (at < kept.Count && kept[at] == index))
                    {
                        Write(writer, item, pointer + "/" + at.ToString(System.Globalization.CultureInfo.InvariantCulture), [.. steps, new JsonStep(index.ToString(System.Globalization.CultureInfo.InvariantCulture), index)]);
                        at++;
                    }

                    index++;
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    /// <summary>Which items of a long array the copy keeps; null to keep all of a short one.</summary>
    private List<int>? Keep(JsonElement array, List<JsonStep> steps)
    {
        var length = array.GetArrayLength();
        if (length <= ShortArray)
        {
            return null;
        }

        // Where the schema says nothing of the items (an array where none belongs), the first shows what is wrong.
        var kept = new List<int>();
        if (_schema.ItemSchemaAt(steps) is { } items)
        {
            var i = 0;
            foreach (var item in array.EnumerateArray())
            {
                if (kept.Count == _maxFailing)
                {
                    break;
                }

                if (!EmbeddedSchema.IsValid(items, item))
                {
                    kept.Add(i);
                }

                i++;
            }
        }

        return kept.Count > 0 ? kept : [0];
    }
}
