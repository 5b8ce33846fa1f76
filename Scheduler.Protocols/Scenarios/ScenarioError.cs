namespace Scheduler.Protocols.Scenarios;

/// <summary>One thing wrong with a scenario file, where it is.</summary>
/// <param name="Path">The JSON path of the offending value, e.g. <c>$.sessions[2].departure</c>; <c>$</c> for the whole file.</param>
/// <param name="Message">What was found and what was expected.</param>
public sealed record ScenarioError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
