using System.Globalization;

namespace ZeroDowntime.Benchmarks;

/// <summary>A named side-by-side comparison, run <see cref="BenchmarkSettings.Runs"/> times and printed as one line.</summary>
/// <param name="Name">The line's name (and, for most, the subcommand).</param>
/// <param name="MeasuredLabel">What the measured figure is, with its unit (e.g. "builtin attempts/s").</param>
/// <param name="ReferenceLabel">What the reference figure is, with its unit.</param>
/// <param name="Run">One run; null when the reference is unavailable (the reason is in <paramref name="Unavailable"/>).</param>
/// <param name="Unavailable">Printed instead of the line when <paramref name="Run"/> returns null.</param>
public sealed record Comparison(string Name, string MeasuredLabel, string ReferenceLabel, Func<BenchmarkSettings, Task<Measurement?>> Run, string Unavailable = "")
{
    /// <summary>Runs it and returns its line: median ratio (min-max over runs), then both median figures and the median run's detail.</summary>
    public async Task<string> RunAndFormatAsync(BenchmarkSettings settings)
    {
        var runs = new List<Measurement>();
        for (var i = 0; i < settings.Runs; i++)
        {
            if (await Run(settings).ConfigureAwait(false) is not { } measurement)
            {
                return $"{Name}: {Unavailable}";
            }

            runs.Add(measurement);
        }

        var byRatio = runs.OrderBy(r => r.Ratio).ToList();
        var median = byRatio[(byRatio.Count - 1) / 2]; // the lower median: an actual run, so its figures belong together
        var spread = runs.Count == 1 ? string.Empty : FormattableString.Invariant($" (median of {runs.Count}, {byRatio[0].Ratio:0.00}-{byRatio[^1].Ratio:0.00})");
        var detail = median.Detail.Length == 0 ? string.Empty : "; " + median.Detail;
        return string.Create(CultureInfo.InvariantCulture,
            $"{Name}: {median.Ratio:0.00}x{spread}: {MeasuredLabel} {Figure(median.Measured)} vs {ReferenceLabel} {Figure(median.Reference)}{detail}");
    }

    // Rates read best whole and grouped; small figures (milliseconds, MiB) need their decimals.
    private static string Figure(double value) => value.ToString(Math.Abs(value) >= 100 ? "#,0" : "0.00", CultureInfo.InvariantCulture);
}
