namespace Scheduler.Protocols.JsonSupport;

/// <summary>One step of a path into a JSON document: a property name, or an array index.</summary>
/// <param name="Name">The property name, or the index as text.</param>
/// <param name="Index">The array index, or null for a property.</param>
internal readonly record struct JsonStep(string Name, int? Index);
