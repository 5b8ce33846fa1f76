using System.Text;

namespace Scheduler.Protocols.History;

/// <summary>Splits one CSV line into cells: commas separate, a cell in double quotes may hold commas and <c>""</c> for a quote.</summary>
internal static class CsvCells
{
    /// <summary>The cells of <paramref name="line"/>, trimmed of spaces outside quotes; or null with <paramref name="problem"/> set.</summary>
    public static List<string>? Split(string line, out string? problem)
    {
        problem = null;
        var cells = new List<string>();
        var i = 0;
        while (true)
        {
            while (i < line.Length && line[i] is ' ' or '\t')
            {
                i++;
            }

            if (i < line.Length && line[i] == '"')
            {
                var cell = new StringBuilder();
                var closed = false;
                for (i++; i < line.Length; i++)
                {
                    if (line[i] != '"')
                    {
                        cell.Append(line[i]);
                    }
                    else if (i + 1 < line.Length && line[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else
                    {
                        closed = true;
                        i++;
                        break;
                    }
                }

                if (!closed)
                {
                    problem = $"cell {cells.Count + 1} opens a quote that the line does not close: expected the closing \" on the same line";
                    return null;
                }

                while (i < line.Length && line[i] is ' ' or '\t')
                {
                    i++;
                }

                if (i < line.Length && line[i] != ',')
                {
                    problem = $"cell {cells.Count + 1} has text after its closing quote: expected a comma";
                    return null;
                }

                cells.Add(cell.ToString());
            }
            else
            {
                var comma = line.IndexOf(',', i);
                var end = comma < 0 ? line.Length : comma;
                cells.Add(line[i..end].Trim());
                i = end;
            }

            if (i >= line.Length)
            {
                return cells;
            }

            i++; // past the comma
        }
    }
}
