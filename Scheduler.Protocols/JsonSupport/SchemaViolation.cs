namespace Scheduler.Protocols.JsonSupport;

/// <summary>One way a document breaks its schema, at one place.</summary>
/// <param name="Location">Where.</param>
/// <param name="Message">What was found and what was expected.</param>
internal sealed record SchemaViolation(JsonLocation Location, string Message);
