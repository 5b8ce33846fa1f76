using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Scheduler.Protocols.Input;

/// <summary>
/// Turns the bytes of an input into text, refusing what is not UTF-8 instead of replacing it with U+FFFD, and
/// refusing more than <see cref="InputLimits.MaxInputBytes"/> before reading it. A leading byte order mark is dropped.
/// </summary>
public static class Utf8Text
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes <paramref name="bytes"/>.</summary>
    /// <param name="bytes">The input's bytes.</param>
    /// <param name="problem">What is wrong (e.g. <c>is not UTF-8: an invalid byte sequence at byte offset 17</c>), or null.</param>
    /// <returns>The text, or null with <paramref name="problem"/> set.</returns>
    public static string? Decode(ReadOnlySpan<byte> bytes, out string? problem)
    {
        if (bytes.Length > InputLimits.MaxInputBytes)
        {
            problem = TooLarge(bytes.Length);
            return null;
        }

        var bom = Encoding.UTF8.Preamble;
        var offset = bytes.StartsWith(bom) ? bom.Length : 0;
        if (FirstInvalidByte(bytes[offset..]) is { } invalid)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"is not UTF-8: an invalid byte sequence at byte offset {invalid + offset}, expected UTF-8 text");
            return null;
        }

        problem = null;
        return Strict.GetString(bytes[offset..]);
    }

    /// <summary>Reads <paramref name="stream"/> to its end (it is not closed) and decodes it; more than the limit is refused without reading it all.</summary>
    /// <param name="stream">The input.</param>
    /// <param name="problem">What is wrong, or null.</param>
    /// <returns>The text, or null with <paramref name="problem"/> set.</returns>
    /// <exception cref="IOException">The stream could not be read.</exception>
    public static string? Read(Stream stream, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek)
        {
            var length = stream.Length - stream.Position;
            if (SizeProblem(length) is { } tooLarge)
            {
                problem = tooLarge;
                return null;
            }

            // Exactly the file's bytes, not a buffer that doubles as it grows.
            var bytes = new byte[length];
            stream.ReadExactly(bytes);
            return Decode(bytes, out problem);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > InputLimits.MaxInputBytes)
            {
                problem = TooLarge(buffer.Length + read, orMore: true);
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), out problem);
    }

    /// <summary>The problem of an input of <paramref name="bytes"/> bytes, or null where it is within the limit.</summary>
    /// <param name="bytes">The input's length in bytes.</param>
    public static string? SizeProblem(long bytes) => bytes > InputLimits.MaxInputBytes ? TooLarge(bytes) : null;

    /// <summary>The offset of the first byte that does not start a valid UTF-8 sequence, or null when all are valid.</summary>
    public static long? FirstInvalidByte(ReadOnlySpan<byte> utf8)
    {
        if (Utf8.IsValid(utf8))
        {
            return null;
        }

        var offset = 0;
        while (offset < utf8.Length)
        {
            if (Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return offset;
    }

    /// <summary>The index of the first unpaired surrogate in <paramref name="text"/>, or null when it is well-formed UTF-16.</summary>
    public static int? FirstUnpairedSurrogate(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return null;
    }

    private static string TooLarge(long bytes, bool orMore = false) => string.Create(
        CultureInfo.InvariantCulture,
        $"is {bytes:N0} bytes{(orMore ? " or more" : string.Empty)}, more than the {InputLimits.MaxInputBytes:N0} bytes (64 MiB) an input may hold");
}
