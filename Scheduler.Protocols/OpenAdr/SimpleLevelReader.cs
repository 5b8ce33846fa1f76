using System.Globalization;
using System.Text.Json;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.OpenAdr;

/// <summary>
/// Reads a site's import limit for each OpenADR SIMPLE level: a JSON object from level to kW, e.g.
/// <c>{"1": 40, "2": 20}</c> (<see cref="GridSignalBookOptions.SimpleLevelLimitsKw"/>). Bad input comes back as
/// errors at their JSON path.
/// </summary>
public static class SimpleLevelReader
{
    /// <summary>Reads the levels.</summary>
    /// <param name="json">The object's text.</param>
    /// <returns>The limits by level, or null with the problems found.</returns>
    public static (IReadOnlyDictionary<int, double>? LimitsKw, IReadOnlyList<OpenAdrIssue> Errors) Read(string json)
    {
        using var document = JsonInput.Parse(json, out var problems);
        if (document is null)
        {
            return (null, [.. problems.Select(p => new OpenAdrIssue(p.Path, p.Message))]);
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, [new OpenAdrIssue(JsonPath.Root, $"found {JsonPath.Describe(root)}, expected an object such as {{\"1\": 40, \"2\": 20}} (SIMPLE level to kW)")]);
        }

        var errors = new List<OpenAdrIssue>();
        var limits = new Dictionary<int, double>();
        foreach (var property in root.EnumerateObject())
        {
            var path = JsonPath.Property(JsonPath.Root, property.Name);
            if (!int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var level) || level is < 0 or > 3)
            {
                errors.Add(new OpenAdrIssue(path, $"is not a SIMPLE level: expected \"0\", \"1\", \"2\" or \"3\""));
            }
            else if (property.Value.ValueKind != JsonValueKind.Number || property.Value.GetDouble() < 0)
            {
                errors.Add(new OpenAdrIssue(path, $"found {JsonPath.Describe(property.Value)}, expected a limit in kW, zero or above"));
            }
            else
            {
                limits[level] = property.Value.GetDouble();
            }
        }

        return errors.Count > 0 ? (null, errors) : (limits, []);
    }
}
