using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ZeroDowntime.Fixtures.Probes;

namespace ZeroDowntime.Benchmarks;

/// <summary>Runs the <c>wrk</c> binary (never installs it) with the probe's request: the reference client.</summary>
public static partial class Wrk
{
    /// <summary>What to tell the user when wrk is not on PATH.</summary>
    public const string InstallHint = "wrk not found on PATH: apt-get install wrk";

    /// <summary>wrk's path on PATH, or null.</summary>
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "wrk")).FirstOrDefault(File.Exists);

    /// <summary>
    /// Runs <c>wrk -t2 -cN -dS</c> posting the completion request to <paramref name="uri"/>; returns requests/s,
    /// or null when wrk is missing or printed no rate. Non-2xx answers would be reported by wrk, and make this throw.
    /// </summary>
    public static async Task<double?> RequestsPerSecondAsync(Uri uri, int connections, TimeSpan duration)
    {
        var wrk = Find();
        if (wrk is null)
        {
            return null;
        }

        var lua = Path.GetTempFileName();
        await File.WriteAllTextAsync(lua, $"wrk.method = \"POST\"\nwrk.body = '{InferenceRequest.Completion(uri).JsonBody}'\nwrk.headers[\"Content-Type\"] = \"application/json\"\n").ConfigureAwait(false);
        try
        {
            var seconds = Math.Max(1, (int)Math.Round(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            using var process = Process.Start(new ProcessStartInfo(wrk, ["-t2", $"-c{connections}", $"-d{seconds}s", "-s", lua, uri.ToString()]) { RedirectStandardOutput = true })!;
            var text = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
            await process.WaitForExitAsync().ConfigureAwait(false);
            if (text.Contains("Non-2xx", StringComparison.Ordinal) || text.Contains("Socket errors", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"wrk saw failures, so its rate is not comparable:{Environment.NewLine}{text}");
            }

            var match = RequestsPerSecond().Match(text);
            return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        }
        finally
        {
            File.Delete(lua);
        }
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();
}
