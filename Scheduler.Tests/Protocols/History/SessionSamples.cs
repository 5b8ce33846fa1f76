using Scheduler.Tests.Support;

namespace Scheduler.Tests.Protocols.History;

/// <summary>Finds the real session histories in <c>shared/data/sessions</c> above the repository; nothing is copied.</summary>
internal static class SessionSamples
{
    public const string Caltech = "acn-data_caltech_2020-12-01_2021-09-14.json";

    public const string Jpl = "acn-data_jpl_2021-09-07_2021-09-13.json";

    private static readonly Lazy<string> SessionsFolder = new(() => SharedData.Folder("sessions"));

    /// <summary>The text of a sample, e.g. <see cref="Caltech"/>.</summary>
    public static string PathOf(string relative) => Path.Combine(SessionsFolder.Value, relative);

    public static string Text(string relative) => File.ReadAllText(PathOf(relative));
}
