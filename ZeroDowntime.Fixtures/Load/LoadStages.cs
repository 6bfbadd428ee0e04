using System.Globalization;
using ZeroDowntime.Fixtures.Configuration;

namespace ZeroDowntime.Fixtures.Load;

/// <summary>
/// A ramping load written as <c>RATE:DURATION</c> steps, e.g. <c>5:30s,10:30s,20:60s</c>: 5 req/s for
/// 30 s, then 10 for 30 s, then 20, which holds after its 60 s until the load is stopped (or its overall
/// duration ends). Both generators follow it: the built-in one schedules attempt k where the stages'
/// cumulative count reaches k; the k6 script gets it as <c>ramping-arrival-rate</c> stages (each step a
/// 0 s jump to the rate, then a hold).
/// </summary>
/// <example><code>
/// var stages = LoadStages.Parse("5:30s,10:30s,20:60s");
/// LoadStages.DueTime(stages, 150);   // 30 s + 0 s: the first attempt of the 10/s stage
/// LoadStages.Format(stages);         // "5/s for 30 s, 10/s for 30 s, 20/s for 60 s"
/// </code></example>
public static class LoadStages
{
    /// <summary>What the setting text accepts, for messages.</summary>
    public const string Description = "a list of RATE:DURATION stages such as 5:30s,10:30s,20:60s (rates in requests per second)";

    /// <summary>Parses <c>RATE:DURATION[,RATE:DURATION...]</c>; false on any malformed, zero or negative part.</summary>
    public static bool TryParse(string? text, out IReadOnlyList<LoadStage> stages)
    {
        var list = new List<LoadStage>();
        stages = list;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0
                || !double.TryParse(part[..colon], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate)
                || !(rate > 0) || double.IsInfinity(rate)
                || !DurationText.TryParse(part[(colon + 1)..].Trim(), out var duration) || duration <= TimeSpan.Zero)
            {
                return false;
            }

            list.Add(new LoadStage(rate, duration));
        }

        return true;
    }

    /// <summary>Parses the stages or throws <see cref="FormatException"/> naming the text.</summary>
    public static IReadOnlyList<LoadStage> Parse(string text) =>
        TryParse(text, out var stages) ? stages : throw new FormatException($"'{text}' is not {Description}.");

    /// <summary>The stages as settings write them: <c>5:30s,10:30s,20:1m</c>.</summary>
    public static string ToText(IEnumerable<LoadStage> stages) =>
        string.Join(",", stages.Select(s => $"{s.Rate.ToString("0.###", CultureInfo.InvariantCulture)}:{DurationText.Format(s.Duration)}"));

    /// <summary>For reports: <c>5/s for 30 s, 10/s for 30 s, 20/s for 60 s</c>.</summary>
    public static string Format(IEnumerable<LoadStage> stages) =>
        string.Join(", ", stages.Select(s => $"{s.Rate.ToString("0.##", CultureInfo.InvariantCulture)}/s for {Reporting.ReportFormat.Duration(s.Duration)}"));

    /// <summary>When each stage starts, relative to the load's start.</summary>
    public static IReadOnlyList<TimeSpan> Starts(IReadOnlyList<LoadStage> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var starts = new List<TimeSpan>(stages.Count);
        var at = TimeSpan.Zero;
        foreach (var stage in stages)
        {
            starts.Add(at);
            at += stage.Duration;
        }

        return starts;
    }

    /// <summary>The rate in force <paramref name="elapsed"/> after the start (the last stage's after the end).</summary>
    public static double RateAt(IReadOnlyList<LoadStage> stages, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var at = TimeSpan.Zero;
        foreach (var stage in stages)
        {
            at += stage.Duration;
            if (elapsed < at)
            {
                return stage.Rate;
            }
        }

        return stages[^1].Rate;
    }

    /// <summary>
    /// When attempt <paramref name="k"/> (0-based) is due, in seconds after the start: where the
    /// cumulative count of the stages reaches k. Past the last stage its rate continues.
    /// </summary>
    public static double DueTime(IReadOnlyList<LoadStage> stages, long k)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var before = 0.0; // attempts due before the current stage
        var start = 0.0;
        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            var inStage = stage.Rate * stage.Duration.TotalSeconds;
            if (k < before + inStage || i == stages.Count - 1)
            {
                return start + ((k - before) / stage.Rate);
            }

            before += inStage;
            start += stage.Duration.TotalSeconds;
        }

        throw new ArgumentException("At least one stage is needed.", nameof(stages));
    }
}
