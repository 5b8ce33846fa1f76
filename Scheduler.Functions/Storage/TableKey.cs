using System.Globalization;
using System.Text;
using NodaTime;
using Scheduler.Protocols.Input;

namespace Scheduler.Functions.Storage;

/// <summary>
/// Turns ids (charger ids such as <c>CP/01</c>, idTags, e-mails) into Table Storage PartitionKey and RowKey values,
/// and back.
/// </summary>
/// <remarks>
/// Table keys may not hold <c>/ \ # ?</c> or the control characters U+0000–U+001F and U+007F–U+009F, and are at most
/// 1 KiB. Each such character, and <c>%</c> (the escape) and <c>|</c> (the separator of <see cref="Compose"/>), is
/// written as <c>%</c> and two uppercase hex digits per UTF-8 byte (<c>CP/01</c> becomes <c>CP%2F01</c>); everything
/// else is kept, so ordinary ids stay readable in Storage Explorer. The encoding is a bijection: every string has one
/// key and every key one string. Keys go into filters only through <c>TableClient.CreateQueryFilter</c>, never by
/// concatenation.
/// </remarks>
public static class TableKey
{
    /// <summary>The longest key Table Storage accepts, in characters.</summary>
    /// <value>1024.</value>
    public const int MaxLength = 1024;

    /// <summary>The separator between the parts of a <see cref="Compose"/>d key; never found inside an encoded part.</summary>
    public const char Separator = '|';

    private const char Escape = '%';

    /// <summary>Encodes one id as a key.</summary>
    /// <param name="value">A non-empty, well-formed UTF-16 string.</param>
    /// <returns>The key: <paramref name="value"/> with the forbidden characters, <c>%</c> and <c>|</c> escaped.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="value"/> is empty or holds an unpaired surrogate, or its key would be longer than
    /// <see cref="MaxLength"/> characters.
    /// </exception>
    public static string Encode(string value)
    {
        var key = EncodePart(value, nameof(value));
        CheckLength(key, nameof(value));
        return key;
    }

    /// <summary>Decodes a key made by <see cref="Encode"/>.</summary>
    /// <param name="key">A key in the form <see cref="Encode"/> writes.</param>
    /// <returns>The id it encodes.</returns>
    /// <exception cref="FormatException">
    /// <paramref name="key"/> is not a key <see cref="Encode"/> could have written (a bad escape, a raw forbidden
    /// character, or an escape where none is needed).
    /// </exception>
    public static string Decode(string key)
    {
        var value = DecodePart(key);

        // Only the canonical form is accepted, so that one id never has two keys (say "CP%2F01" and "CP%2f01").
        if (value.Length == 0 || !IsWellFormed(value) || EncodePart(value, nameof(key)) != key)
        {
            throw new FormatException($"'{key}' is not a key TableKey.Encode writes.");
        }

        return value;
    }

    /// <summary>Encodes several ids as one key, joined by <see cref="Separator"/>, for example site and charger.</summary>
    /// <param name="parts">One or more non-empty ids.</param>
    /// <returns>The encoded parts joined by <see cref="Separator"/>.</returns>
    /// <exception cref="ArgumentException">
    /// There are no parts, a part is empty or holds an unpaired surrogate, or the key would be longer than
    /// <see cref="MaxLength"/> characters.
    /// </exception>
    public static string Compose(params string[] parts)
    {
        if (parts.Length == 0)
        {
            throw new ArgumentException("A key needs at least one part.", nameof(parts));
        }

        var key = string.Join(Separator, parts.Select(p => EncodePart(p, nameof(parts))));
        CheckLength(key, nameof(parts));
        return key;
    }

    /// <summary>Splits a key made by <see cref="Compose"/> (or <see cref="Encode"/>) into its decoded parts.</summary>
    /// <param name="key">A composed key.</param>
    /// <returns>The ids, in order.</returns>
    /// <exception cref="FormatException">A part is not a key <see cref="Encode"/> could have written.</exception>
    public static string[] Split(string key) => key.Split(Separator).Select(Decode).ToArray();

    /// <summary>
    /// A RowKey that sorts newest first: <c>DateTime.MaxValue.Ticks</c> less the instant's ticks since 0001-01-01,
    /// as 19 digits.
    /// </summary>
    /// <param name="instant">An instant on or after 0001-01-01T00:00:00Z; precision is one tick (100 ns).</param>
    /// <returns>19 decimal digits; a later instant gives an ordinally smaller string.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="instant"/> is before 0001-01-01T00:00:00Z.</exception>
    public static string InvertedTicks(Instant instant)
    {
        if (instant < NodaConstants.BclEpoch)
        {
            throw new ArgumentOutOfRangeException(nameof(instant), instant, "Instants before 0001-01-01T00:00:00Z have no inverted ticks.");
        }

        var ticks = instant.ToUnixTimeTicks() - NodaConstants.BclEpoch.ToUnixTimeTicks();
        return (DateTime.MaxValue.Ticks - ticks).ToString("D19", CultureInfo.InvariantCulture);
    }

    /// <summary>Whether a character must be escaped: forbidden in keys, or one the encoding itself uses.</summary>
    private static bool MustEscape(char c) =>
        c is '/' or '\\' or '#' or '?' or Escape or Separator
        || c <= '\u001F'
        || c is >= '\u007F' and <= '\u009F';

    private static bool IsWellFormed(string value) => Utf8Text.FirstUnpairedSurrogate(value) is null;

    private static string EncodePart(string value, string paramName)
    {
        if (value.Length == 0)
        {
            throw new ArgumentException("A key part may not be empty.", paramName);
        }

        // A lone surrogate has no UTF-8 form, so the service could not store it.
        if (!IsWellFormed(value))
        {
            throw new ArgumentException($"'{value}' holds an unpaired surrogate.", paramName);
        }

        var builder = new StringBuilder(value.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var c in value)
        {
            if (!MustEscape(c))
            {
                builder.Append(c);
                continue;
            }

            var count = new Rune(c).EncodeToUtf8(utf8);
            foreach (var b in utf8[..count])
            {
                builder.Append(Escape).Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string DecodePart(string key)
    {
        var builder = new StringBuilder(key.Length);
        var bytes = new List<byte>();
        var strictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var i = 0;
        while (i < key.Length)
        {
            if (key[i] != Escape)
            {
                builder.Append(key[i++]);
                continue;
            }

            // A run of escapes is one UTF-8 sequence (U+0080–U+009F take two bytes).
            bytes.Clear();
            while (i < key.Length && key[i] == Escape)
            {
                if (i + 3 > key.Length
                    || !byte.TryParse(key.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                {
                    throw new FormatException($"'{key}' has a bad escape at index {i}.");
                }

                bytes.Add(b);
                i += 3;
            }

            try
            {
                builder.Append(strictUtf8.GetString(bytes.ToArray()));
            }
            catch (DecoderFallbackException e)
            {
                throw new FormatException($"'{key}' escapes bytes that are not UTF-8.", e);
            }
        }

        return builder.ToString();
    }

    private static void CheckLength(string key, string paramName)
    {
        if (key.Length > MaxLength)
        {
            throw new ArgumentException($"The key would be {key.Length} characters; Table Storage allows {MaxLength}.", paramName);
        }
    }
}
