using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using Scheduler.Functions.Configuration;

var builder = FunctionsApplication.CreateBuilder(args);

// The composition root is the one place that may use the system clock.
#pragma warning disable RS0030
builder.Services.AddScheduler(builder.Configuration, SystemClock.Instance);
#pragma warning restore RS0030

builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();

// Application Insights keeps only warnings by default; the app's Information logs (plans, dispatches) are kept too.
builder.Logging.Services.Configure<LoggerFilterOptions>(options =>
{
    var rule = options.Rules.FirstOrDefault(r =>
        r.ProviderName == "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider");
    if (rule is not null)
    {
        options.Rules.Remove(rule);
    }
});

builder.Build().Run();
