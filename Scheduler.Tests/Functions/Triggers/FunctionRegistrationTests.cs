using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;
using Scheduler.Functions.Configuration;
using Scheduler.Functions.Triggers;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Triggers;

[Collection("Azurite")]
public sealed class FunctionRegistrationTests(AzuriteFixture azurite)
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);

    public static TheoryData<Type> FunctionClasses()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(PlanSiteFunction).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
            .OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            data.Add(type);
        }

        return data;
    }

    [Fact]
    public void FunctionClasses_EveryRolePresent()
    {
        var names = typeof(PlanSiteFunction).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "DeleteDeparture", "DeleteRecurringDepartures", "DeleteVehicleDriver", "DispatchProfile", "GetOpenApi", "GetRecurringDepartures", "GetSiteView",
                "GetVehiclePlan", "IngestDeparture", "IngestGridSignal", "IngestSessionEvent", "IngestSite", "IngestSiteMeter", "ListVehicleDrivers", "PlanAllSites", "PlanSite",
                "PollGridSignals", "PollSiteGridSignals", "PostBoost", "PullSiteTariff", "PullTariffs", "PutDeparture", "PutRecurringDepartures", "PutVehicleDriver",
                "ReplayPoison", "VehicleCommand", "WatchPoison",
            ],
            names);
    }

    [Theory]
    [MemberData(nameof(FunctionClasses))]
    public async Task Resolve_EveryFunctionClass_FromTheRealRegistration(Type functionClass)
    {
        await using var app = await AppHarness.StartAsync(azurite, Now);

        var instance = ActivatorUtilities.CreateInstance(app.Services, functionClass);

        Assert.IsType(functionClass, instance);
    }

    [Theory]
    [InlineData("PlanAllSitesSchedule", "every 15 minutes", "six-field NCRONTAB")]
    [InlineData("Planning:SolverTimeLimit", "00:20:00", "within the 10-minute function timeout")]
    [InlineData("AzureWebJobsStorage", "", "storage is not configured")]
    [InlineData("Csms:Attempts", "0", "Attempts")]
    public void Options_BadSetting_FailsAtStartWithItsName(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["PlanAllSitesSchedule"] = "0 */15 * * * *",
            ["PullTariffsSchedule"] = "0 5 * * * *",
            ["PollGridSignalsSchedule"] = "0 */1 * * * *",
            [key] = value,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddScheduler(configuration, new FakeClock(Now));
        using var provider = services.BuildServiceProvider();

        var startup = provider.GetRequiredService<IStartupValidator>();
        var error = Assert.ThrowsAny<OptionsValidationException>(startup.Validate);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
