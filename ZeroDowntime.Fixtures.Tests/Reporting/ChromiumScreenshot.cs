using System.Diagnostics;

namespace ZeroDowntime.Fixtures.Tests.Reporting;

/// <summary>Renders an HTML file to a PNG with headless Chromium (isolated profile, no network services).</summary>
internal static class ChromiumScreenshot
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    public static string? Executable =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    public static async Task<(int ExitCode, string Output)> CaptureAsync(string htmlPath, string pngPath, int width = 1400, int height = 1800)
    {
        var profile = Directory.CreateTempSubdirectory("zd-chromium-");
        try
        {
            var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("chromium is not installed"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                         "--disable-sync", "--no-first-run", $"--user-data-dir={profile.FullName}", $"--screenshot={pngPath}",
                         $"--window-size={width},{height}", new Uri(htmlPath).AbsoluteUri,
                     })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Deadline);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish the screenshot within {Deadline.TotalSeconds} s");
            }

            return (process.ExitCode, await stdout + await stderr);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
