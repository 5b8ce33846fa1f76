namespace Scheduler.Protocols.Messages;

/// <summary>One thing wrong with a queue message, where it is.</summary>
/// <param name="Code">A stable kebab-case id of the kind of problem, one of <see cref="MessageErrorCodes"/>, e.g. <c>departure.in-past</c>.</param>
/// <param name="Path">The JSON path of the offending value, e.g. <c>$.departure</c>; <c>$</c> for the whole message.</param>
/// <param name="Message">What was found and what was expected.</param>
public sealed record MessageError(string Code, string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message} ({Code})";
}
