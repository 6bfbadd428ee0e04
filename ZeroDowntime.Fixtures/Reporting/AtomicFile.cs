using System.Text;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>Writes a file through a temporary sibling and a rename, so a run killed mid-write never leaves half a report.</summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task WriteAsync(string path, Func<TextWriter, Task> write)
    {
        var temporary = path + ".tmp";
        try
        {
            await using (var writer = new StreamWriter(temporary, append: false, Utf8))
            {
                writer.NewLine = "\n";
                await write(writer).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public static Task WriteAllTextAsync(string path, string text) => WriteAsync(path, w => w.WriteAsync(text));
}
