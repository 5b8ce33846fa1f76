using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using Scheduler.Functions.Http;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Signals;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Http;

/// <summary>
/// The operator page in a real headless chromium: served by a loopback Kestrel host that calls the same function
/// class as the Functions host would (with the header App Service Authentication would add), from a site planned on
/// Azurite. What a person sees is checked, and a screenshot kept under the test results.
/// </summary>
[Collection("Azurite")]
public sealed class SitePageBrowserTests(AzuriteFixture azurite)
{
    /// <summary>Where the screenshot is kept.</summary>
    public static string ScreenshotPath => Path.Combine(AzuriteInstall.RepositoryRoot(), "Scheduler.Tests", "TestResults", "screenshots", "operator-page.png");

    [Fact]
    public async Task View_APlannedSite_ShowsItsVehiclesChartMoneyAndPoisonInABrowser()
    {
        var chromium = ChromiumInstall.EnsureInstalled();
        await using var app = await ApiSite.StartAsync(azurite);
        var now = ApiSite.Now;
        // A DR event caps the site at 8 kW from 18:00 to 21:00 in Amsterdam; van-7 leaves at 19:00 wanting 40 kWh.
        await app.Get<GridSignalStore>().PutAsync("depot-1", new StoredGridEvent("dr-1", TestMessages.CapacityEvent("dr-1", "depot-1", now + Duration.FromHours(5), 3, 8, now), now, false, now));
        await DepartureFunctionTests.PutAsync(app, ApiSite.Ann, """{"departureLocal":"2026-03-10T19:00","energyKwh":40}""");
        await app.Get<PoisonStore>().RecordAsync(new PoisonRecord(QueueNames.Departures, "d-bad", "departure.in-past", "the departure 2026-03-10T10:00:00Z is not after now", now - Duration.FromMinutes(5), """{"type":"departure","siteId":"depot-1"}"""));
        await ApiSite.PlanAsync(app);
        await using var host = await StartHostAsync(app, Caller.Operator("depot-1"));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1100, Height = 1400 } });
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var response = await page.GotoAsync(address + "/api/sites/depot-1/view");

        Assert.Equal(200, response!.Status);
        Assert.Equal("depot-1 · charging plan", await page.TitleAsync());
        var rows = page.Locator("#vehicles tbody tr");
        Assert.Equal(2, await rows.CountAsync());
        Assert.Contains("van-7", await rows.Nth(0).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("19:00 (driver)", await rows.Nth(0).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("07:30 (default)", await rows.Nth(1).InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#plan-chart rect.load").CountAsync() > 20);
        Assert.True(await page.Locator("#plan-chart polyline.limit").IsVisibleAsync());
        Assert.True(await page.Locator("#plan-chart polyline.price").IsVisibleAsync());
        var box = await page.Locator("#plan-chart").BoundingBoxAsync();
        Assert.True(box!.Width > 900 && box.Height > 250, $"the chart is drawn {box.Width} × {box.Height}");
        Assert.Matches(@"This plan costs \d+\.\d\d EUR; charging uncontrolled would cost \d+\.\d\d EUR", await page.Locator("#money").InnerTextAsync());
        Assert.Contains("van-8: departure default", await page.Locator("#degraded").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("departure.in-past", await page.Locator("#poison").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("#plan-chart rect.load").Nth(0).HoverAsync();
        Assert.Matches(@"^13:00: [\d.]+ kW of 50 kW, price 0\.25$", await page.Locator("#readout").InnerTextAsync());
        Assert.Contains("next in", await page.Locator("#countdown").InnerTextAsync(), StringComparison.Ordinal);

        Directory.CreateDirectory(Path.GetDirectoryName(ScreenshotPath)!);
        await page.ScreenshotAsync(new() { Path = ScreenshotPath, FullPage = true });
        Assert.True(new FileInfo(ScreenshotPath).Length > 10_000);
    }

    // Kestrel on a loopback port in front of the function class, adding the principal as App Service Authentication would.
    private static async Task<WebApplication> StartHostAsync(AppHarness app, Caller caller)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var host = builder.Build();
        host.MapGet("/api/sites/{siteId}/view", async (HttpContext context, string siteId) =>
        {
            context.Request.Headers[ClientPrincipalHeader.Name] = caller.Header();
            var result = await app.Function<SiteViewFunction>().Get(context.Request, siteId, context.RequestAborted);
            await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        });
        await host.StartAsync();
        return host;
    }
}
