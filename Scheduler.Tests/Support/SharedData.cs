namespace Scheduler.Tests.Support;

/// <summary>
/// Finds the real third-party samples in <c>shared/data</c> above the test run: next to the repository's folder, or
/// further up where the repository is checked out in a folder of its own (a worktree). Nothing is copied.
/// </summary>
internal static class SharedData
{
    /// <summary>The full path of a folder of the shared data, e.g. <c>prices</c>.</summary>
    /// <exception cref="InvalidOperationException">No such folder lies above the test run.</exception>
    public static string Folder(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var folder = Path.Combine(dir.FullName, "shared", "data", name);
            if (Directory.Exists(folder))
            {
                return folder;
            }
        }

        throw new InvalidOperationException($"No folder shared/data/{name} above {AppContext.BaseDirectory}");
    }
}
