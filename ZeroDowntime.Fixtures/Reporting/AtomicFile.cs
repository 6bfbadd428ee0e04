using System.Text;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>Writes a file through a temporary sibling and a rename, so a run killed mid-write never leaves half a report.</summary>
internal static class AtomicFile
{
    internal static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static Task WriteAsync(string path, Func<TextWriter, Task> write) => WriteAsync(ReportFileSystem.Default, path, write);

    /// <summary>Writes through <paramref name="files"/>; on failure the old file (e.g. a raw timeline flushed during the run) stays as it was.</summary>
    public static async Task WriteAsync(ReportFileSystem files, string path, Func<TextWriter, Task> write)
    {
        var temporary = path + ".tmp";
        try
        {
            await using (var writer = new StreamWriter(files.Create(temporary), Utf8))
            {
                writer.NewLine = "\n";
                await write(writer).ConfigureAwait(false);
            }

            files.Replace(temporary, path);
        }
        finally
        {
            try
            {
                files.Delete(temporary);
            }
            catch (IOException)
            {
                // Cleaning up after a failed write must not hide the failure itself.
            }
        }
    }

    public static Task WriteAllTextAsync(string path, string text) => WriteAsync(path, w => w.WriteAsync(text));

    public static Task WriteAllTextAsync(ReportFileSystem files, string path, string text) => WriteAsync(files, path, w => w.WriteAsync(text));
}
