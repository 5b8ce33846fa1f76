using Scheduler.Tests.Support;

namespace Scheduler.Tests.Protocols.Tariffs;

/// <summary>Finds the real price samples in <c>shared/data/prices</c> above the repository; nothing is copied.</summary>
internal static class TariffSamples
{
    private static readonly Lazy<string> PricesFolder = new(() => SharedData.Folder("prices"));

    /// <summary>The full path of a sample, e.g. <c>entsoe/hass-entso-e_BE_60M.xml</c>.</summary>
    public static string PathOf(string relative) => Path.Combine(PricesFolder.Value, relative);

    /// <summary>The text of a sample.</summary>
    public static string Text(string relative) => File.ReadAllText(PathOf(relative));
}
