using Scheduler.Cli.Bench;

namespace Scheduler.Tests.Cli;

public sealed class BenchReportTests
{
    [Fact]
    public void Markdown_FailedSize_KeepsTheColumnCount()
    {
        var rows = new[]
        {
            new BenchRow(10, new BenchResult(10, 96, 1, "Optimal", 0.1234, 95.4, "EUR", 1.5, 1.5, 1.49, 0.671, 3, 0), null),
            new BenchRow(20, null, "the child crashed"),
        };

        var lines = BenchReport.Markdown(rows).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("| 10 | 96 | Optimal | 0.123 | 95 | 1.50 | 1.50 | 1.49 | 0.671 | 3.00 | 0.0 |", lines[2]);
        Assert.All(lines, line => Assert.Equal(12, line.Count(c => c == '|')));
    }
}
