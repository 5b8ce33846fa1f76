using Spectre.Console;

namespace Scheduler.Cli.Output;

/// <summary>Spectre.Console consoles over the command's writers: colour on a terminal, plain text elsewhere.</summary>
internal static class CliConsole
{
    /// <summary>The width used when the output is not a terminal (a file, a pipe, a test), in characters.</summary>
    public const int RedirectedWidth = 160;

    /// <summary>Creates a console that writes to <paramref name="writer"/>.</summary>
    /// <param name="writer">Usually <see cref="Console.Out"/>; a <see cref="StringWriter"/> in tests.</param>
    public static IAnsiConsole Create(TextWriter writer)
    {
        var terminal = (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected)
            || (ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!terminal)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
