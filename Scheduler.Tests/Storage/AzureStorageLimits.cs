using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Scheduler.Tests.Storage;

/// <summary>
/// The limits Azure Storage enforces and Azurite does not (it accepts entities over 1 MiB, strings over 64 KiB,
/// transactions over 100 operations or across partitions): a request that Azure would refuse is refused here, with
/// Azure's status and error code, so that tests on Azurite fail where production would.
/// </summary>
/// <remarks>
/// From MS Learn, "Understanding the Table service data model": an entity holds at most 1 MiB and 252 properties of
/// its own; a string is at most 64 KiB (32 K UTF-16 characters), a binary value at most 64 KiB. "Performing entity
/// group transactions": at most 100 operations on one partition, each entity once, 4 MiB in all. "Introduction to
/// Queue Storage": a message is at most 64 KiB.
/// </remarks>
internal static partial class AzureStorageLimits
{
    private const int MaxStringChars = 32 * 1024;
    private const int MaxBinaryBytes = 64 * 1024;
    private const int MaxEntityBytes = 1024 * 1024;
    private const int MaxCustomProperties = 252;
    private const int MaxBatchOperations = 100;
    private const int MaxBatchBytes = 4 * 1024 * 1024;
    private const int MaxQueueMessageBytes = 64 * 1024;

    /// <summary>Why Azure would refuse the request, or null when it would take it.</summary>
    /// <param name="call">What the request is.</param>
    /// <param name="body">Its body, UTF-8.</param>
    public static (int Status, string Code, string Message)? Check(StorageCall call, string body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        return call.Service switch
        {
            "table" when call.IsBatch => CheckBatch(body),
            "table" when call.Method is "POST" or "PUT" or "PATCH" or "MERGE" && call.Resource != "Tables" => CheckEntity(body),
            "queue" when call.IsSend => CheckMessage(body),
            _ => null,
        };
    }

    private static (int, string, string)? CheckEntity(string json)
    {
        using var document = JsonDocument.Parse(json);
        var bytes = 4;
        var custom = 0;
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Name.Contains("@odata.", StringComparison.Ordinal))
            {
                continue;
            }

            var binary = document.RootElement.TryGetProperty(property.Name + "@odata.type", out var type) && type.GetString() == "Edm.Binary";
            var size = ValueSize(property.Value, binary);
            if ((binary && size - 4 > MaxBinaryBytes) || (!binary && property.Value.ValueKind == JsonValueKind.String && property.Value.GetString()!.Length > MaxStringChars))
            {
                return (400, "PropertyValueTooLarge", $"The property '{property.Name}' is larger than 64 KiB.");
            }

            if (property.Name is not ("PartitionKey" or "RowKey" or "Timestamp"))
            {
                custom++;
            }

            bytes += 8 + (property.Name.Length * 2) + size;
        }

        if (custom > MaxCustomProperties)
        {
            return (400, "TooManyProperties", $"The entity has {custom} properties; at most {MaxCustomProperties} are allowed.");
        }

        return bytes > MaxEntityBytes ? (400, "EntityTooLarge", $"The entity is {bytes} bytes; at most 1 MiB is allowed.") : null;
    }

    private static int ValueSize(JsonElement value, bool binary) => value.ValueKind switch
    {
        JsonValueKind.String when binary => Convert.FromBase64String(value.GetString()!).Length + 4,
        JsonValueKind.String => (value.GetString()!.Length * 2) + 4,
        JsonValueKind.True or JsonValueKind.False => 1,
        JsonValueKind.Null => 0,
        _ => 8,
    };

    private static (int, string, string)? CheckBatch(string body)
    {
        if (Encoding.UTF8.GetByteCount(body) > MaxBatchBytes)
        {
            return (413, "RequestBodyTooLarge", "The transaction is larger than 4 MiB.");
        }

        var operations = RequestLine().Matches(body);
        if (operations.Count > MaxBatchOperations)
        {
            return (400, "InvalidInput", $"The transaction holds {operations.Count} operations; at most {MaxBatchOperations} are allowed.");
        }

        var keys = new List<(string Partition, string Row)>();
        foreach (Match operation in operations)
        {
            var key = KeyOf(operation, body);
            if (key is null)
            {
                continue;
            }

            if (keys.Count > 0 && keys[0].Partition != key.Value.Partition)
            {
                return (400, "CommandsInBatchActOnDifferentPartitions", "All operations of a transaction must be on one partition.");
            }

            if (keys.Contains(key.Value))
            {
                return (400, "InvalidDuplicateRow", $"The transaction touches the entity '{key.Value.Row}' twice.");
            }

            keys.Add(key.Value);
        }

        foreach (var entity in EntityBodies(body))
        {
            if (CheckEntity(entity) is { } refused)
            {
                return refused;
            }
        }

        return null;
    }

    private static (string Partition, string Row)? KeyOf(Match operation, string body)
    {
        var url = Uri.UnescapeDataString(operation.Groups["url"].Value);
        var inUrl = KeyInUrl().Match(url);
        if (inUrl.Success)
        {
            return (inUrl.Groups["pk"].Value.Replace("''", "'", StringComparison.Ordinal), inUrl.Groups["rk"].Value.Replace("''", "'", StringComparison.Ordinal));
        }

        // An insert names its keys in its body, the first JSON object after its request line.
        var start = body.IndexOf("\r\n\r\n{", operation.Index, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        using var document = JsonDocument.Parse(ReadObject(body, start + 4));
        return (document.RootElement.GetProperty("PartitionKey").GetString()!, document.RootElement.GetProperty("RowKey").GetString()!);
    }

    private static IEnumerable<string> EntityBodies(string body)
    {
        for (var at = body.IndexOf("\r\n\r\n{", StringComparison.Ordinal); at >= 0; at = body.IndexOf("\r\n\r\n{", at + 4, StringComparison.Ordinal))
        {
            yield return ReadObject(body, at + 4);
        }
    }

    // One JSON object from its opening brace, however its strings are escaped.
    private static string ReadObject(string text, int start)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text[start..]), new JsonReaderOptions { AllowMultipleValues = true });
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }

    private static (int, string, string)? CheckMessage(string xml)
    {
        var text = MessageText().Match(xml);
        return text.Success && Encoding.UTF8.GetByteCount(text.Groups[1].Value) > MaxQueueMessageBytes
            ? (413, "RequestBodyTooLarge", "The message is larger than 64 KiB.")
            : null;
    }

    [GeneratedRegex(@"^(?<method>POST|PUT|PATCH|MERGE|DELETE) (?<url>\S+) HTTP/1\.1", RegexOptions.Multiline)]
    private static partial Regex RequestLine();

    [GeneratedRegex(@"\(PartitionKey='(?<pk>(?:[^']|'')*)',RowKey='(?<rk>(?:[^']|'')*)'\)")]
    private static partial Regex KeyInUrl();

    [GeneratedRegex("<MessageText>(.*)</MessageText>", RegexOptions.Singleline)]
    private static partial Regex MessageText();
}
