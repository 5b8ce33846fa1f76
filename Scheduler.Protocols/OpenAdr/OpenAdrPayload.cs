namespace Scheduler.Protocols.OpenAdr;

/// <summary>A payload of an interval that the scheduler acts on: a capacity limit, a price, or a SIMPLE level.</summary>
/// <param name="Type">The payload type: <c>IMPORT_CAPACITY_LIMIT</c>, <c>PRICE</c> or <c>SIMPLE</c>.</param>
/// <param name="Values">The numeric values as written (several for a multi-valued price).</param>
/// <param name="Path">The JSON path of the payload, for messages.</param>
public sealed record OpenAdrPayload(string Type, IReadOnlyList<double> Values, string Path)
{
    /// <summary>The payload type of a limit on the site's import.</summary>
    public const string ImportCapacityLimit = "IMPORT_CAPACITY_LIMIT";

    /// <summary>The payload type of an energy price.</summary>
    public const string Price = "PRICE";

    /// <summary>The payload type of a load-shed level 0–3.</summary>
    public const string Simple = "SIMPLE";
}
