namespace Scheduler.Cli;

/// <summary>The two text streams a command writes to.</summary>
/// <param name="Out">Results: summaries, tables, JSON.</param>
/// <param name="Error">Errors and progress, so that results can be piped.</param>
internal sealed record CliOutput(TextWriter Out, TextWriter Error);
