using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using NodaTime;
using Scheduler.Functions.Configuration;

var builder = FunctionsApplication.CreateBuilder(args);

// HTTP triggers take ASP.NET Core's HttpRequest and return its results (the driver API and the operator page).
builder.ConfigureFunctionsWebApplication();

// The composition root is the one place that may use the system clock.
#pragma warning disable RS0030
builder.Services.AddScheduler(builder.Configuration, SystemClock.Instance);
#pragma warning restore RS0030
builder.Services.AddSchedulerTelemetry(builder.Configuration);

builder.Build().Run();
