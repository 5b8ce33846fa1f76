using Scheduler.Cli.Bench;

namespace Scheduler.Tests.Cli;

public sealed class BenchReportTests
{
    [Fact]
    public void Markdown_FailedSize_KeepsTheColumnCount()
    {
        var rows = new[]
        {
            new BenchRow("loose", 10, new BenchResult("loose", 10, 96, 1, "Optimal", 0.1234, 0.1, 95.4, "EUR", 1.5, 1.5, 1.49, 0.671, 3, 0, 0), null),
            new BenchRow("binding", 20, null, "the child crashed"),
        };

        var lines = BenchReport.Markdown(rows).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("| loose | 10 | 96 | Optimal | 0.123 | 0.100 | 1.23 | 95 | 1.50 | 1.50 | 1.49 | 0.671 | 3.00 | 0.0 | 0 |", lines[2]);
        Assert.StartsWith("| binding | 20 |  | error |", lines[3], StringComparison.Ordinal);
        Assert.All(lines, line => Assert.Equal(16, line.Count(c => c == '|')));
    }
}
