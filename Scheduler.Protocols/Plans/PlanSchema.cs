using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Plans;

/// <summary>The plan file v1 schema (<c>Schemas/plan.v1.schema.json</c>), and validation of plan files against it.</summary>
public static class PlanSchema
{
    /// <summary>The most problems <see cref="Validate"/> reports.</summary>
    public const int MaxErrors = 20;

    /// <summary>The schema's JSON text, as embedded in this assembly.</summary>
    public static string Json => EmbeddedSchema.Plan.Text;

    /// <summary>Checks a plan file against the schema.</summary>
    /// <param name="planJson">The plan file's text, e.g. from <see cref="PlanWriter"/>.</param>
    /// <returns>Each problem as "path: message" (e.g. <c>$.sessions[0].periods[1].currentA: found -1, …</c>), in file order; empty when it is valid.</returns>
    public static IReadOnlyList<string> Validate(string planJson)
    {
        ArgumentNullException.ThrowIfNull(planJson);
        using var document = JsonInput.Parse(planJson, out var problems);
        if (document is null)
        {
            return problems.Select(p => $"{p.Path}: {p.Message}").ToList();
        }

        return EmbeddedSchema.Plan.Validate(document.RootElement, MaxErrors)
            .Select(v => $"{v.Location.Path}: {v.Message}")
            .ToList();
    }
}
