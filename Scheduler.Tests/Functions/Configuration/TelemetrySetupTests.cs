using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scheduler.Functions.Configuration;

namespace Scheduler.Tests.Functions.Configuration;

public sealed class TelemetrySetupTests
{
    [Fact]
    public async Task AddSchedulerTelemetry_KeepsInformationLogs()
    {
        await using var provider = Build(null);

        var filters = provider.GetRequiredService<IOptions<LoggerFilterOptions>>().Value;

        Assert.DoesNotContain(filters.Rules, r => r.ProviderName?.Contains("ApplicationInsights", StringComparison.Ordinal) == true && r.LogLevel > LogLevel.Information);
    }

    [Theory]
    [InlineData("ClientId=0f1e2d3c-0000-0000-0000-000000000001;Authorization=AAD", "0f1e2d3c-0000-0000-0000-000000000001")]
    [InlineData("Authorization=AAD; ClientId=abc", "abc")]
    [InlineData("ClientId=abc", null)]
    [InlineData("Authorization=AAD", null)]
    [InlineData("", null)]
    public void ClientIdOf_AuthenticationString_ReadsTheIdentity(string text, string? expected) =>
        Assert.Equal(expected, TelemetrySetup.ClientIdOf(text));

    [Fact]
    public async Task AddSchedulerTelemetry_EntraAuthentication_AddsTheIdentityCredential()
    {
        await using var withIdentity = Build("ClientId=0f1e2d3c-0000-0000-0000-000000000001;Authorization=AAD");
        await using var without = Build(null);

        var configured = withIdentity.GetServices<IConfigureOptions<TelemetryConfiguration>>().Count();
        var plain = without.GetServices<IConfigureOptions<TelemetryConfiguration>>().Count();

        Assert.Equal(plain + 1, configured);
        Assert.NotNull(withIdentity.GetRequiredService<IOptions<TelemetryConfiguration>>().Value);
    }

    private static ServiceProvider Build(string? authentication)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [TelemetrySetup.AuthenticationSetting] = authentication })
            .Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddSchedulerTelemetry(configuration);
        return services.BuildServiceProvider();
    }
}
