namespace Scheduler.Tests.Protocols.Tariffs;

/// <summary>Finds the real price samples in <c>../shared/data/prices</c> next to the repository; nothing is copied.</summary>
internal static class TariffSamples
{
    private static readonly Lazy<string> PricesFolder = new(FindPricesFolder);

    /// <summary>The full path of a sample, e.g. <c>entsoe/hass-entso-e_BE_60M.xml</c>.</summary>
    public static string PathOf(string relative) => Path.Combine(PricesFolder.Value, relative);

    /// <summary>The text of a sample.</summary>
    public static string Text(string relative) => File.ReadAllText(PathOf(relative));

    private static string FindPricesFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Scheduler.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "prices"));
            }
        }

        throw new InvalidOperationException("No folder containing Scheduler.sln above " + AppContext.BaseDirectory);
    }
}
