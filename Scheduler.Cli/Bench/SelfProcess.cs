using System.Diagnostics;

namespace Scheduler.Cli.Bench;

/// <summary>How to start this program again as a child process, however it was started itself.</summary>
internal static class SelfProcess
{
    /// <summary>The program's name: the assembly name and the app host's file name.</summary>
    private const string ProgramName = "scheduler";

    /// <summary>A start description for <c>scheduler</c> with <paramref name="arguments"/>, output redirected.</summary>
    /// <param name="arguments">The command line of the child.</param>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var processPath = Environment.ProcessPath;
        var assemblyPath = typeof(SelfProcess).Assembly.Location;
        var appHost = Path.Combine(Path.GetDirectoryName(assemblyPath) ?? ".", OperatingSystem.IsWindows() ? ProgramName + ".exe" : ProgramName);
        if (processPath is not null && IsNamed(processPath, ProgramName))
        {
            // Started through its app host (the usual case, also under `dotnet run`).
            info.FileName = processPath;
        }
        else if (processPath is not null && IsNamed(processPath, "dotnet"))
        {
            // Started as `dotnet scheduler.dll`, or loaded into a test host run by dotnet.
            info.FileName = processPath;
            info.ArgumentList.Add(assemblyPath);
        }
        else if (File.Exists(appHost))
        {
            info.FileName = appHost;
        }
        else
        {
            info.FileName = "dotnet";
            info.ArgumentList.Add(assemblyPath);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private static bool IsNamed(string path, string name) =>
        string.Equals(Path.GetFileNameWithoutExtension(path), name, StringComparison.OrdinalIgnoreCase);
}
