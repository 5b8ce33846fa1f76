using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Scheduler.Functions.Http;
using Scheduler.Functions.Queues;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Http;

[Collection("Azurite")]
public sealed class OpenApiFunctionTests(AzuriteFixture azurite)
{
    private static readonly JsonElement Document = JsonDocument.Parse(OpenApiFunction.Document).RootElement;

    [Fact]
    public void Document_ListsExactlyTheHttpFunctions_ByRouteMethodAndOperationId()
    {
        var functions = typeof(ApiGate).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>(), Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>().SingleOrDefault()))
            .Where(f => f.Function is not null && f.Trigger is not null)
            .SelectMany(f => f.Trigger!.Methods!.Select(method => $"{method.ToUpperInvariant()} /{f.Trigger.Route} {f.Function!.Name}"))
            .Order(StringComparer.Ordinal);
        var documented = Document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(o => o.Name != "parameters").Select(o => $"{o.Name.ToUpperInvariant()} {path.Name} {o.Value.GetProperty("operationId").GetString()}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(functions, documented);
    }

    [Fact]
    public async Task Get_ServesTheDocument_AsOpenApi31()
    {
        var answer = await ApiCall.ExecuteAsync(ApiCall.Request("GET", "/api/openapi.json", Caller.Anonymous).HttpContext, OpenApiFunction.Get(ApiCall.Request("GET", "/api/openapi.json", Caller.Anonymous)));

        Assert.Equal(200, answer.Status);
        Assert.Equal("3.1.0", answer.Json.GetProperty("openapi").GetString());
    }

    [Fact]
    public async Task EveryEndpoint_AnswersOnlyWhatTheDocumentSays_InStatusAndShape()
    {
        await using var app = await ApiSite.StartAsync(azurite);
        var op = Caller.Operator("depot-1");
        var checkedAnswers = new List<string>();

        async Task Check(string method, string path, Caller caller, string? body, Func<AppHarness, HttpRequest, Task<IActionResult>> call)
        {
            var answer = await ApiCall.RunAsync(ApiCall.Request(method, "/api" + path, caller, body), r => call(app, r));
            var template = Template(path);
            var operation = Document.GetProperty("paths").GetProperty(template).GetProperty(method.ToLowerInvariant());
            Assert.True(operation.GetProperty("responses").TryGetProperty(answer.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response), $"{method} {path} answered {answer.Status}, which the document does not list");
            Assert.False(string.IsNullOrEmpty(answer.Headers[RequestIds.Header].ToString()));
            if (response.TryGetProperty("content", out var content))
            {
                var media = content.EnumerateObject().Single();
                Assert.StartsWith(media.Name, answer.ContentType, StringComparison.Ordinal);
                if (media.Name.Contains("json", StringComparison.Ordinal))
                {
                    Conform(answer.Json, media.Value.GetProperty("schema"), $"{method} {path} {answer.Status}");
                }
            }
            else
            {
                Assert.Equal(string.Empty, answer.Body);
            }

            checkedAnswers.Add($"{method} {template} {answer.Status}");
        }

        const string departure = "/sites/depot-1/vehicles/van-7/departure";
        await Check("GET", "/sites/depot-1/vehicles/van-7/plan", op, null, (a, r) => a.Function<VehiclePlanFunction>().Get(r, "depot-1", "van-7", default));
        await Check("PUT", departure, ApiSite.Ann, """{"departureLocal":"2026-03-10T18:00","energyKwh":20}""", (a, r) => a.Function<DepartureFunction>().Put(r, "depot-1", "van-7", default));
        await Check("PUT", departure, ApiSite.Ann, """{"departureLocal":"2026-03-10T18:00","energyKwh":-1}""", (a, r) => a.Function<DepartureFunction>().Put(r, "depot-1", "van-7", default));
        await Check("PUT", departure, Caller.Anonymous, "{}", (a, r) => a.Function<DepartureFunction>().Put(r, "depot-1", "van-7", default));
        await Check("PUT", departure, ApiSite.Ben, "{}", (a, r) => a.Function<DepartureFunction>().Put(r, "depot-1", "van-7", default));
        await Check("PUT", "/sites/depot-1/vehicles/van-7/recurring-departures", ApiSite.Ann, """{"days":[{"day":"weekdays","time":"07:30","energyKwh":25}]}""", (a, r) => a.Function<RecurringDepartureFunction>().Put(r, "depot-1", "van-7", default));
        await Check("GET", "/sites/depot-1/vehicles/van-7/recurring-departures", ApiSite.Ann, null, (a, r) => a.Function<RecurringDepartureFunction>().Get(r, "depot-1", "van-7", default));
        await Check("POST", "/sites/depot-1/vehicles/van-8/boost", ApiSite.Ben, """{"until":"2026-03-10T15:00:00+01:00"}""", (a, r) => a.Function<BoostFunction>().Post(r, "depot-1", "van-8", default));
        await Check("POST", "/sites/depot-1/vehicles/van-9/boost", op, """{"energyKwh":3}""", (a, r) => a.Function<BoostFunction>().Post(r, "depot-1", "van-9", default));
        await app.DrainAsync(QueueNames.PlanRequests, m => app.Function<Scheduler.Functions.Triggers.PlanSiteFunction>().Run(m, default));
        await Check("GET", "/sites/depot-1/vehicles/van-7/plan", ApiSite.Ann, null, (a, r) => a.Function<VehiclePlanFunction>().Get(r, "depot-1", "van-7", default));
        await Check("PUT", "/sites/depot-1/vehicles/van-7/drivers/oid-cat", op, null, (a, r) => a.Function<VehicleAccessFunction>().Put(r, "depot-1", "van-7", "oid-cat", default));
        await Check("GET", "/sites/depot-1/drivers", op, null, (a, r) => a.Function<VehicleAccessFunction>().List(r, "depot-1", default));
        await Check("DELETE", "/sites/depot-1/vehicles/van-7/drivers/oid-cat", op, null, (a, r) => a.Function<VehicleAccessFunction>().Delete(r, "depot-1", "van-7", "oid-cat", default));
        await Check("GET", "/sites/depot-1/view", op, null, (a, r) => a.Function<SiteViewFunction>().Get(r, "depot-1", default));
        await Check("DELETE", "/sites/depot-1/vehicles/van-7/recurring-departures", ApiSite.Ann, null, (a, r) => a.Function<RecurringDepartureFunction>().Delete(r, "depot-1", "van-7", default));
        await Check("DELETE", departure, ApiSite.Ann, null, (a, r) => a.Function<DepartureFunction>().Delete(r, "depot-1", "van-7", default));

        Assert.Contains("GET /sites/{siteId}/vehicles/{vehicleId}/plan 404", checkedAnswers);
        Assert.Contains("GET /sites/{siteId}/vehicles/{vehicleId}/plan 200", checkedAnswers);
        Assert.Contains("POST /sites/{siteId}/vehicles/{vehicleId}/boost 202", checkedAnswers);
        Assert.Contains("POST /sites/{siteId}/vehicles/{vehicleId}/boost 409", checkedAnswers);
        Assert.Equal(16, checkedAnswers.Count);
    }

    // The document's path for a concrete one: the ids are the only segments after sites, vehicles and drivers.
    private static string Template(string path)
    {
        var parts = path.Split('/');
        for (var i = 1; i < parts.Length - 1; i++)
        {
            parts[i + 1] = parts[i] switch { "sites" => "{siteId}", "vehicles" => "{vehicleId}", "drivers" => "{objectId}", _ => parts[i + 1] };
        }

        return string.Join('/', parts);
    }

    // What the document's schemas say: the type, the required properties, and the same of every property and item.
    private static void Conform(JsonElement value, JsonElement schema, string where)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            schema = Document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
        }

        var type = schema.TryGetProperty("type", out var t) ? t.GetString() : null;
        var kind = value.ValueKind switch
        {
            JsonValueKind.Object => "object",
            JsonValueKind.Array => "array",
            JsonValueKind.String => "string",
            JsonValueKind.Number => value.TryGetInt64(out _) ? "integer" : "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        };
        Assert.True(type is null || type == kind || (type == "number" && kind == "integer"), $"{where}: found {kind}, the document says {type}");
        if (kind == "object")
        {
            foreach (var required in schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()!) : [])
            {
                Assert.True(value.TryGetProperty(required, out _), $"{where}: lacks {required}");
            }

            var properties = schema.TryGetProperty("properties", out var p) ? p : default;
            foreach (var property in value.EnumerateObject().Where(_ => properties.ValueKind == JsonValueKind.Object))
            {
                Assert.True(properties.TryGetProperty(property.Name, out var inner), $"{where}: has {property.Name}, which the document does not describe");
                Conform(property.Value, inner, $"{where}.{property.Name}");
            }
        }
        else if (kind == "array" && schema.TryGetProperty("items", out var items))
        {
            foreach (var item in value.EnumerateArray())
            {
                Conform(item, items, $"{where}[]");
            }
        }
    }
}
