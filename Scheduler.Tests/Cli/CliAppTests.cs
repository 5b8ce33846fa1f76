using Scheduler.Cli;

namespace Scheduler.Tests.Cli;

public sealed class CliAppTests
{
    [Fact]
    public void Run_UnknownOption_ExitsWithBadInput()
    {
        var run = CliRun.Of("demo", "--no-such-option");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--no-such-option", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public void Run_UnknownCommand_ExitsWithBadInput()
    {
        var run = CliRun.Of("replan");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
    }

    [Fact]
    public void Run_NoCommand_ExitsWithBadInput()
    {
        var run = CliRun.Of();

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("scheduler --help", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1e9")]
    public void Run_BadTimeLimit_ExitsWithBadInput(string seconds)
    {
        var run = CliRun.Of("demo", "--time-limit", seconds);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"--time-limit: '{seconds}'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Help_ListsTheCommandsButNotTheHiddenOne()
    {
        var run = CliRun.Of("--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("plan", run.Out, StringComparison.Ordinal);
        Assert.Contains("demo", run.Out, StringComparison.Ordinal);
        Assert.Contains("bench", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("bench-one", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SubcommandWithoutARequiredOption_PointsToItsOwnHelp()
    {
        var run = CliRun.Of("signals", "import", "events.json");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("Option '--site' is required.", run.Error, StringComparison.Ordinal);
        Assert.Contains("See 'scheduler signals import --help' for the usage.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ControlCharactersInAnArgument_AreEscapedInTheMessage()
    {
        var run = CliRun.Of("plan", "no-such-\u001b[2J-file.json");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("no-such-\\u001B[2J-file.json", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', run.Error);
    }
}
