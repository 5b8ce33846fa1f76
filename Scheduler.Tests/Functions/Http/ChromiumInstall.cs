using System.Diagnostics;

namespace Scheduler.Tests.Functions.Http;

/// <summary>
/// Debian's <c>chromium</c> for the browser tests, installed with apt-get when it is missing (as the storage tests
/// install Azurite with npm). Playwright drives it by its path; Playwright's own browser download is never used.
/// </summary>
internal static class ChromiumInstall
{
    /// <summary>Where Debian installs the browser.</summary>
    public const string Executable = "/usr/bin/chromium";

    private const string Advice = "The browser tests need Debian's chromium: run 'apt-get install -y chromium' as root.";

    private static readonly Lock Gate = new();

    /// <summary>The browser's path, installing it first if needed.</summary>
    /// <exception cref="InvalidOperationException">It is missing and could not be installed; the message says how.</exception>
    public static string EnsureInstalled()
    {
        lock (Gate)
        {
            if (File.Exists(Executable))
            {
                return Executable;
            }

            // The package lists may be missing or stale on a fresh machine: update them once if the first try fails.
            if (!Run("apt-get", "install -y --no-install-recommends chromium") && !(Run("apt-get", "update") && Run("apt-get", "install -y --no-install-recommends chromium")))
            {
                throw new InvalidOperationException($"apt-get could not install chromium. {Advice}");
            }

            return File.Exists(Executable) ? Executable : throw new InvalidOperationException($"apt-get installed chromium, but {Executable} is missing. {Advice}");
        }
    }

    private static bool Run(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"'{file}' did not start. {Advice}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            process.Kill(entireProcessTree: true);
            return false;
        }

        _ = output.Result + errors.Result;
        return process.ExitCode == 0;
    }
}
