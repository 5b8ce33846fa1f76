using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Spectre.Console;

namespace Scheduler.Cli.Bench;

/// <summary>The benchmark's tables: one for the terminal, the same as Markdown for pasting.</summary>
internal static class BenchReport
{
    private static readonly string[] Headers =
    [
        "profile", "sessions", "slots", "status", "wall s", "joint LP s", "× LP", "peak MiB", "cost", "objective", "lower bound", "gap %", "baseline cost", "shortfall kWh", "short sessions",
    ];

    /// <summary>A line describing the machine and runtime the numbers come from.</summary>
    public static string Machine() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");

    /// <summary>The terminal table.</summary>
    /// <param name="rows">One row per size.</param>
    public static Table Table(IReadOnlyList<BenchRow> rows)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in Headers)
        {
            var column = new TableColumn(header);
            table.AddColumn(IsText(header) ? column : column.RightAligned());
        }

        foreach (var row in rows)
        {
            table.AddRow(Cells(row).Select(cell => new Text(cell)).ToArray());
        }

        return table;
    }

    /// <summary>The same table as GitHub-flavoured Markdown.</summary>
    /// <param name="rows">One row per size.</param>
    public static string Markdown(IReadOnlyList<BenchRow> rows)
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", Headers).Append(" |\n");
        text.Append('|').AppendJoin('|', Headers.Select(h => IsText(h) ? "---" : "---:")).Append("|\n");
        foreach (var row in rows)
        {
            text.Append("| ").AppendJoin(" | ", Cells(row)).Append(" |\n");
        }

        return text.ToString();
    }

    private static IEnumerable<string> Cells(BenchRow row)
    {
        if (row.Result is not { } r)
        {
            return new[] { row.Profile, Invariant($"{row.Sessions}"), string.Empty, "error" }.Concat(Enumerable.Repeat(string.Empty, Headers.Length - 4));
        }

        return
        [
            r.Profile,
            Invariant($"{r.Sessions}"),
            Invariant($"{r.Slots}"),
            r.Status,
            Invariant($"{r.WallSeconds:0.000}"),
            r.JointLpSeconds is { } lp ? Invariant($"{lp:0.000}") : "n/a",
            r.JointLpSeconds is { } reference && reference > 0 ? Invariant($"{r.WallSeconds / reference:0.00}") : "n/a",
            Invariant($"{r.PeakMemoryMiB:0}"),
            Invariant($"{r.Cost:0.00}"),
            Invariant($"{r.Objective:0.00}"),
            r.LowerBound is { } bound ? Invariant($"{bound:0.00}") : "n/a",
            r.GapPct is { } gap ? Invariant($"{gap:0.000}") : "n/a",
            Invariant($"{r.BaselineCost:0.00}"),
            Invariant($"{r.ShortfallKwh:0.0}"),
            Invariant($"{r.ShortSessions}"),
        ];
    }

    private static bool IsText(string header) => header is "profile" or "status";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
