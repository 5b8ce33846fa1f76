using System.ComponentModel;
using System.Diagnostics;

namespace Scheduler.Tests.Storage;

/// <summary>
/// Installs the Azurite storage emulator with npm into <c>&lt;repository&gt;/.azurite/&lt;version&gt;/</c> (ignored
/// by git) once, and finds it there afterwards.
/// </summary>
/// <remarks>
/// Test processes may start together (one per target or IDE runner), so the install is guarded by a file lock, and
/// an install counts only once its marker file is written: a half-finished one is simply run again.
/// </remarks>
internal static class AzuriteInstall
{
    /// <summary>The Azurite release the tests run against.</summary>
    public const string Version = "3.37.0";

    private const string Advice =
        "The storage tests run Azurite, which they install with npm: install Node.js 20 or later with npm "
        + "(https://nodejs.org, or 'apt-get install nodejs npm') and make sure 'node' and 'npm' are on PATH.";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LockTimeout = InstallTimeout + TimeSpan.FromMinutes(1);

    /// <summary>The folder Azurite is installed in: <c>&lt;repository&gt;/.azurite/&lt;version&gt;</c>.</summary>
    public static string Folder => Path.Combine(RepositoryRoot(), ".azurite", Version);

    /// <summary>The path of Azurite's entry script (run it with <c>node</c>), installing Azurite first if needed.</summary>
    /// <exception cref="InvalidOperationException">npm is missing or the install failed; the message says what to install.</exception>
    public static string EnsureInstalled()
    {
        var folder = Folder;
        var script = Path.Combine(folder, "node_modules", "azurite", "dist", "src", "azurite.js");
        var marker = Path.Combine(folder, "installed");
        if (File.Exists(marker) && File.Exists(script))
        {
            return script;
        }

        Directory.CreateDirectory(folder);
        using (AcquireLock(Path.Combine(folder, "install.lock")))
        {
            // Another process may have finished the install while this one waited for the lock.
            if (!(File.Exists(marker) && File.Exists(script)))
            {
                RunNpmInstall(folder);
                if (!File.Exists(script))
                {
                    throw new InvalidOperationException($"npm installed azurite@{Version} into {folder}, but {script} is missing. {Advice}");
                }

                File.WriteAllText(marker, Version + Environment.NewLine);
            }
        }

        return script;
    }

    /// <summary>The folder holding Scheduler.sln, found by walking up from the test assembly's folder.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Scheduler.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No folder containing Scheduler.sln above " + AppContext.BaseDirectory);
    }

    /// <summary>Opens the lock file exclusively (an OS-level lock on every platform .NET runs on), waiting for another holder.</summary>
    private static FileStream AcquireLock(string path)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < LockTimeout)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(250));
            }
        }
    }

    private static void RunNpmInstall(string folder)
    {
        // npm is a .cmd script on Windows, which Process can start only by its full name.
        var npm = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";
        var start = new ProcessStartInfo(npm)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // --ignore-scripts: Azurite needs none of its dependencies' install scripts, and none should run unasked.
        foreach (var arg in new[] { "install", "--prefix", folder, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--ignore-scripts", "azurite@" + Version })
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"'{npm}' did not start. {Advice}");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"'{npm}' could not be started ({e.Message}). {Advice}", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(InstallTimeout))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException(
                    $"'npm install azurite@{Version}' took longer than {InstallTimeout.TotalMinutes} minutes (is the npm registry reachable?). {Advice}");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"'npm install azurite@{Version}' failed with exit code {process.ExitCode}. {Advice}{Environment.NewLine}"
                    + stdout.Result + stderr.Result);
            }
        }
    }
}
