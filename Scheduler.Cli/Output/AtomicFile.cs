using System.Text;

namespace Scheduler.Cli.Output;

/// <summary>
/// Writes a file so that readers see either the old content or the whole new content, never a part: the text goes
/// to a temporary file in the same folder, which then replaces the target in one rename.
/// </summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Checks that <paramref name="path"/> names a file in a folder that exists.</summary>
    /// <exception cref="BadInputException">The folder does not exist, or the path is a folder.</exception>
    public static void CheckTarget(string path, string option = "--out")
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new BadInputException($"{option} is empty; expected a file path{(option == "--out" ? ", or - for stdout" : string.Empty)}");
        }

        if (Directory.Exists(path))
        {
            throw new BadInputException($"{option} '{path}' is a folder; expected a file path");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is null || !Directory.Exists(folder))
        {
            throw new BadInputException($"{option} '{path}': the folder '{folder}' does not exist");
        }
    }

    /// <summary>Replaces the content of <paramref name="path"/> with <paramref name="text"/> (UTF-8, no byte order mark).</summary>
    /// <exception cref="BadInputException">The folder does not exist or may not be written.</exception>
    /// <exception cref="IOException">The write failed (e.g. the disk is full); the target is unchanged.</exception>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, Utf8NoBom.GetBytes(text));

    /// <summary>Replaces the content of <paramref name="path"/> with <paramref name="bytes"/>.</summary>
    /// <exception cref="BadInputException">The folder does not exist or may not be written.</exception>
    /// <exception cref="IOException">The write failed (e.g. the disk is full); the target is unchanged.</exception>
    public static void WriteAllBytes(string path, byte[] bytes, string option = "--out")
    {
        CheckTarget(path, option);
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath)!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);

                // On disk before the rename, so that a crash cannot leave the new name on an empty file.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new BadInputException($"{option} '{path}' cannot be written: {ex.Message}", ex);
        }
        finally
        {
            // After the rename there is nothing left to delete; after a failure the partial file goes.
            TryDelete(temporary);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The original error matters more than a leftover temporary file.
        }
    }
}
