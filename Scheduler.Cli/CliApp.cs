using System.CommandLine;
using System.CommandLine.Parsing;
using Scheduler.Protocols.Input;
using Scheduler.Cli.Commands;

namespace Scheduler.Cli;

/// <summary>The <c>scheduler</c> command line: its commands, and every outcome mapped to an exit code.</summary>
internal static class CliApp
{
    /// <summary>Runs one command line.</summary>
    /// <param name="args">The arguments, without the program's name.</param>
    /// <param name="stdout">Where results go: summaries, tables, and the plan JSON with <c>--out -</c>.</param>
    /// <param name="stderr">Where errors and progress go.</param>
    /// <param name="clock">The clock that gives "now" where a command needs it (the composition root passes the system clock).</param>
    /// <returns><see cref="ExitCodes.Success"/>, <see cref="ExitCodes.BadInput"/> or <see cref="ExitCodes.InternalError"/>.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, NodaTime.IClock clock)
    {
        ArgumentNullException.ThrowIfNull(args);
        var output = new CliOutput(stdout, stderr);
        var root = new RootCommand("Plans the charging of every vehicle on a site: within every limit, at the least cost.")
        {
            PlanCommand.Create(output),
            DemoCommand.Create(output),
            BenchCommand.Create(output),
            BenchOneCommand.Create(output),
            SignalsCommand.Create(output, clock),
            TariffCommand.Create(output),
            SimulateCommand.Create(output),
        };

        ParseResult parseResult;
        try
        {
            parseResult = root.Parse(args);
        }
        catch (Exception ex)
        {
            stderr.WriteLine($"internal error while reading the command line: {ex.GetType().Name}: {ex.Message}");
            return ExitCodes.InternalError;
        }

        if (parseResult.Errors.Count > 0)
        {
            // System.CommandLine would exit with 1; a wrong command line is bad input.
            foreach (var error in parseResult.Errors)
            {
                stderr.WriteLine($"error: {Printable.Escape(error.Message)}");
            }

            stderr.WriteLine($"See '{Usage(parseResult.CommandResult)}' for the usage.");
            return ExitCodes.BadInput;
        }

        try
        {
            return parseResult.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (BadInputException ex)
        {
            stderr.WriteLine($"error: {Printable.Escape(ex.Message)}");
            return ExitCodes.BadInput;
        }
        catch (Exception ex)
        {
            stderr.WriteLine($"internal error: {ex.GetType().Name}: {Printable.Escape(ex.Message)}");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>The help command of the (sub)command that failed to parse, with its whole path: <c>scheduler signals import --help</c>.</summary>
    private static string Usage(CommandResult failed)
    {
        var names = new List<string>();
        for (SymbolResult? result = failed; result is CommandResult { Command: not RootCommand } command; result = result.Parent)
        {
            names.Add(command.Command.Name);
        }

        names.Add("scheduler");
        names.Reverse();
        return string.Join(' ', names) + " --help";
    }
}
