using Scheduler.Protocols.Input;

namespace Scheduler.Cli;

/// <summary>
/// Reads an input file named on the command line, turning a missing, unreadable, oversized or non-UTF-8 file into
/// bad input. The size is checked before a byte is read, so an oversized file costs no memory.
/// </summary>
internal static class InputFile
{
    /// <summary>The whole text of the file.</summary>
    /// <param name="path">The path, absolute or relative to the working directory.</param>
    /// <param name="what">What the file is, for messages (e.g. "events file").</param>
    /// <exception cref="BadInputException">
    /// The file does not exist, is a folder, cannot be read, is larger than <see cref="InputLimits.MaxInputBytes"/>
    /// or is not UTF-8.
    /// </exception>
    public static string ReadAllText(string path, string what)
    {
        if (Directory.Exists(path))
        {
            throw new BadInputException($"'{path}' is a folder, expected the {what}");
        }

        if (!File.Exists(path))
        {
            throw new BadInputException($"{what} '{path}' not found (looked in '{Path.GetFullPath(path)}')");
        }

        try
        {
            using var stream = File.OpenRead(path);

            // A pipe or a device has no length; Utf8Text stops reading it at the limit.
            if (stream.CanSeek && Utf8Text.SizeProblem(stream.Length) is { } tooLarge)
            {
                throw new BadInputException($"{what} '{path}' {tooLarge}");
            }

            return Utf8Text.Read(stream, out var problem)
                ?? throw new BadInputException($"{what} '{path}' {problem}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot read {what} '{path}': {ex.Message}", ex);
        }
    }
}
