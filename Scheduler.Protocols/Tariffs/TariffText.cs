using Scheduler.Protocols.Input;

namespace Scheduler.Protocols.Tariffs;

/// <summary>How every tariff reader reads a stream: as strict UTF-8 within the input limit, then as text.</summary>
internal static class TariffText
{
    /// <summary>Decodes <paramref name="stream"/> (read to its end, not closed) and reads the text with <paramref name="read"/>.</summary>
    /// <exception cref="IOException">The stream could not be read.</exception>
    public static TariffReadResult Read(Stream stream, Func<string, TariffReadResult> read)
    {
        var text = Utf8Text.Read(stream, out var problem);
        return text is null ? TariffReadResult.Failure("document", problem!) : read(text);
    }
}
