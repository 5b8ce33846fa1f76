namespace Scheduler.Cli;

/// <summary>Reads an input file named on the command line, turning a missing or unreadable file into bad input.</summary>
internal static class InputFile
{
    /// <summary>The whole text of the file.</summary>
    /// <param name="path">The path, absolute or relative to the working directory.</param>
    /// <param name="what">What the file is, for messages (e.g. "events file").</param>
    /// <exception cref="BadInputException">The file does not exist, is a folder, or cannot be read.</exception>
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
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot read {what} '{path}': {ex.Message}", ex);
        }
    }
}
