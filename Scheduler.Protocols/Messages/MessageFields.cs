using System.Text.Json;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Messages;

/// <summary>Access to the top-level properties of a message its schema has already checked.</summary>
internal static class MessageFields
{
    /// <summary>The JSON path of top-level property <paramref name="name"/>, e.g. <c>$.departure</c>.</summary>
    public static string PathOf(string name) => JsonPath.Property(JsonPath.Root, name);

    /// <summary>The value of <paramref name="name"/>, or null where it is absent or JSON null.</summary>
    public static JsonElement? Optional(this JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>The string the schema requires at <paramref name="name"/>.</summary>
    public static string RequiredString(this JsonElement root, string name) => root.GetProperty(name).GetString() ?? string.Empty;

    /// <summary>The string at <paramref name="name"/>, or null where there is none.</summary>
    public static string? OptionalString(this JsonElement root, string name) => root.Optional(name)?.GetString();

    /// <summary>The number at <paramref name="name"/>, or null where there is none.</summary>
    public static double? OptionalNumber(this JsonElement root, string name) => root.Optional(name)?.GetDouble();
}
