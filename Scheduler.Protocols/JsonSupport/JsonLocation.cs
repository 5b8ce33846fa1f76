using System.Globalization;
using System.Text.Json;

namespace Scheduler.Protocols.JsonSupport;

/// <summary>A place in a JSON document, as a reader reports it.</summary>
/// <param name="Path">The JSON path, e.g. <c>$.sessions[3].departure</c>.</param>
/// <param name="Steps">The property names and array indices from the root, in order.</param>
/// <param name="Value">The value there, or null where the document has none (a missing property).</param>
/// <param name="Order">The position of each step among its siblings; comparing these puts locations in document order.</param>
internal sealed record JsonLocation(string Path, IReadOnlyList<JsonStep> Steps, JsonElement? Value, IReadOnlyList<int> Order)
{
    /// <summary>The document's root.</summary>
    public static JsonLocation Root(JsonElement root) => new(JsonPath.Root, [], root, []);

    /// <summary>The location of property <paramref name="name"/> of this object, present or not.</summary>
    public JsonLocation Child(string name)
    {
        JsonElement? value = null;
        var position = -1;
        if (Value is { ValueKind: JsonValueKind.Object } parent)
        {
            var i = 0;
            foreach (var property in parent.EnumerateObject())
            {
                if (property.NameEquals(name))
                {
                    value = property.Value;
                    position = i;
                }

                i++;
            }
        }

        return new(JsonPath.Property(Path, name), [.. Steps, new JsonStep(name, null)], value, [.. Order, position]);
    }

    /// <summary>The location of item <paramref name="index"/> of this array, present or not.</summary>
    public JsonLocation Item(int index)
    {
        JsonElement? value = Value is { ValueKind: JsonValueKind.Array } parent && index < parent.GetArrayLength()
            ? parent[index]
            : null;
        return new(JsonPath.Index(Path, index), [.. Steps, new JsonStep(index.ToString(CultureInfo.InvariantCulture), index)], value, [.. Order, index]);
    }

    /// <summary>Compares two locations by where they appear in the document (a parent before its children).</summary>
    public static int CompareDocumentOrder(JsonLocation a, JsonLocation b)
    {
        var common = Math.Min(a.Order.Count, b.Order.Count);
        for (var i = 0; i < common; i++)
        {
            var c = a.Order[i].CompareTo(b.Order[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Order.Count.CompareTo(b.Order.Count);
    }
}
