using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Scheduler.Protocols.Messages;

namespace Scheduler.Functions.Http;

/// <summary>Reads a request's JSON body: at most 64 KiB (what a queue message may hold), UTF-8, one JSON object, no property twice.</summary>
public static class RequestBody
{
    /// <summary>The largest body read, in bytes.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The body's text and its parsed object, or the errors that stop it.</summary>
    /// <param name="Text">The text as sent.</param>
    /// <param name="Document">The parsed body (the caller disposes it); null with <paramref name="Errors"/>.</param>
    /// <param name="Errors">Why it cannot be read.</param>
    public sealed record Read(string Text, JsonDocument? Document, IReadOnlyList<MessageError> Errors);

    /// <summary>Reads the body of <paramref name="request"/>.</summary>
    public static async Task<Read> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int count;
        while ((count = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, count);
            if (buffer.Length > MaxBytes)
            {
                return Fail(string.Empty, MessageErrorCodes.MessageTooLarge, $"the body is longer than {MaxBytes} bytes, expected a small JSON object");
            }
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(buffer.ToArray());
        }
        catch (DecoderFallbackException)
        {
            return Fail(string.Empty, MessageErrorCodes.JsonMalformed, "the body is not UTF-8 text, expected a JSON object");
        }

        try
        {
            var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 16 });
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return new Read(text, document, []);
            }

            document.Dispose();
            return Fail(text, MessageErrorCodes.Schema, "the body is not a JSON object, expected { … }");
        }
        catch (JsonException e)
        {
            return Fail(text, MessageErrorCodes.JsonMalformed, $"the body is not valid JSON ({e.Message}), expected a JSON object");
        }
    }

    private static Read Fail(string text, string code, string message) => new(text, null, [new MessageError(code, "$", message)]);
}
