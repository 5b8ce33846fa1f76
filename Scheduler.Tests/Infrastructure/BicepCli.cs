using System.Diagnostics;
using System.Reflection;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Infrastructure;

/// <summary>What one run of the Bicep CLI returned.</summary>
internal sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>
/// Runs the Bicep CLI from the NuGet package <c>Azure.Bicep.CommandLine.linux-x64</c>, which the test project restores
/// like any other package and whose folder it records as the assembly metadata <c>BicepPackageFolder</c>.
/// </summary>
internal static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>The repository's <c>infra</c> folder.</summary>
    public static string InfraFolder => Path.Combine(AzuriteInstall.RepositoryRoot(), "infra");

    /// <summary>The path of the <c>bicep</c> executable, made executable if the package extraction left it without the bit.</summary>
    public static string Executable()
    {
        var folder = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "BicepPackageFolder")?.Value;
        if (string.IsNullOrEmpty(folder))
        {
            throw new InvalidOperationException("the test assembly has no BicepPackageFolder metadata: restore Scheduler.Tests (it references Azure.Bicep.CommandLine.linux-x64)");
        }

        var path = Path.Combine(folder, "tools", "bicep");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"no Bicep CLI at {path}");
        }

        // NuGet extracts files without their execute bits.
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if ((mode & execute) != execute)
            {
                File.SetUnixFileMode(path, mode | execute);
            }
        }

        return path;
    }

    /// <summary>Runs <c>bicep</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/> and waits for it.</summary>
    public static BicepResult Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry or update checks from a test run, and no registry: every module is local.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} ran longer than {Timeout}");
        }

        return new BicepResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
