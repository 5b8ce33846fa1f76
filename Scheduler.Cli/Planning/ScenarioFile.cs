using Scheduler.Protocols.Scenarios;

namespace Scheduler.Cli.Planning;

/// <summary>Reads a scenario file from disk.</summary>
internal static class ScenarioFile
{
    /// <summary>Reads and validates the scenario at <paramref name="path"/>.</summary>
    /// <param name="path">The file's path, absolute or relative to the working directory.</param>
    /// <returns>The problem, or the errors in the file with their JSON paths.</returns>
    /// <exception cref="BadInputException">The file does not exist or cannot be read.</exception>
    public static ScenarioReadResult Read(string path)
    {
        if (Directory.Exists(path))
        {
            throw new BadInputException($"'{path}' is a folder, expected a scenario file (JSON)");
        }

        if (!File.Exists(path))
        {
            throw new BadInputException($"scenario file '{path}' not found (looked in '{Path.GetFullPath(path)}')");
        }

        try
        {
            using var stream = File.OpenRead(path);
            return ScenarioReader.Read(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot read scenario file '{path}': {ex.Message}", ex);
        }
    }
}
