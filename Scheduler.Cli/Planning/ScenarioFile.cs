using Scheduler.Protocols.Scenarios;

namespace Scheduler.Cli.Planning;

/// <summary>Reads a scenario file from disk.</summary>
internal static class ScenarioFile
{
    /// <summary>Reads and validates the scenario at <paramref name="path"/>.</summary>
    /// <param name="path">The file's path, absolute or relative to the working directory.</param>
    /// <returns>The problem, or the errors in the file with their JSON paths.</returns>
    /// <exception cref="BadInputException">The file does not exist or cannot be read.</exception>
    public static ScenarioReadResult Read(string path) => ScenarioReader.Read(InputFile.ReadAllText(path, "scenario file"));
}
