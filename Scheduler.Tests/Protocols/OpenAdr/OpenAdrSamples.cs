using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Tests.Support;

namespace Scheduler.Tests.Protocols.OpenAdr;

/// <summary>The OpenADR 3 samples in shared/data/openadr above the repository.</summary>
internal static class OpenAdrSamples
{
    /// <summary>An instant well after every sample, standing for "now" where a test does not care.</summary>
    public static readonly Instant Now = Instant.FromUtc(2026, 11, 24, 12, 0);

    public static string UserGuide(string fileName) => Read(Path.Combine("examples-user-guide-3.1.0", fileName));

    public static string Annex96Pricing() => Read(Path.Combine("annex96-olivine-etou-dyn", "event_pricing.json"));

    public static JsonObject UserGuideNode(string fileName) => JsonNode.Parse(UserGuide(fileName))!.AsObject();

    private static string Read(string relative) => File.ReadAllText(Path.Combine(SharedData.Folder("openadr"), relative));
}
