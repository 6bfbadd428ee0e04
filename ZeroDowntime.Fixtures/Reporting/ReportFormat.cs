using System.Globalization;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>
/// The one way reports and assertion messages write times, percentages and durations, so the
/// console, the HTML and a failed test's message read the same: <c>12:00:01.20</c> (UTC),
/// <c>91.2%</c>, <c>3.4 s</c>, <c>2 min 05 s</c>.
/// </summary>
public static class ReportFormat
{
    /// <summary>What a value that was not measured reads as.</summary>
    public const string NotAvailable = "n/a";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>An instant as <c>HH:mm:ss.ff</c> in UTC.</summary>
    public static string Time(DateTimeOffset instant) => instant.UtcDateTime.ToString("HH:mm:ss.ff", Inv);

    /// <summary>A measured percentage with one decimal: <c>91.2%</c>; <see cref="NotAvailable"/> for null or NaN.</summary>
    public static string Percent(double? percent) =>
        percent is { } p && !double.IsNaN(p) ? p.ToString("0.0", Inv) + "%" : NotAvailable;

    /// <summary>A threshold percentage without trailing zeros: <c>95%</c>, <c>99.5%</c>.</summary>
    public static string Threshold(double percent) => percent.ToString("0.##", Inv) + "%";

    /// <summary>
    /// A duration: under a minute with one decimal (<c>3.4 s</c>), else whole seconds as
    /// <c>2 min 05 s</c> (<c>2 min</c> when the seconds are zero), from an hour <c>1 h 02 min 05 s</c>;
    /// <see cref="NotAvailable"/> for null.
    /// </summary>
    public static string Duration(TimeSpan? duration)
    {
        if (duration is not { } d)
        {
            return NotAvailable;
        }

        var sign = d < TimeSpan.Zero ? "-" : string.Empty;
        d = d.Duration();
        var tenths = Math.Round(d.TotalSeconds * 10, MidpointRounding.AwayFromZero) / 10;
        if (tenths < 60)
        {
            return sign + tenths.ToString("0.0", Inv) + " s";
        }

        var seconds = (long)Math.Round(d.TotalSeconds, MidpointRounding.AwayFromZero);
        var (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        var minutes = h > 0 ? string.Create(Inv, $"{h} h {m:00} min") : string.Create(Inv, $"{m} min");
        return sign + (s == 0 ? minutes : string.Create(Inv, $"{minutes} {s:00} s"));
    }

    /// <summary>A latency in whole milliseconds (<c>1234 ms</c>); <see cref="NotAvailable"/> for null.</summary>
    public static string Milliseconds(TimeSpan? latency) =>
        latency is { } l ? Math.Round(l.TotalMilliseconds, MidpointRounding.AwayFromZero).ToString("0", Inv) + " ms" : NotAvailable;

    /// <summary>A downtime window as <c>12:00:01.20–12:00:04.85</c>, with <c> (open)</c> when no success ended it.</summary>
    public static string Window(DowntimeWindow window) =>
        $"{Time(window.Start)}–{Time(window.End)}{(window.IsOpen ? " (open)" : string.Empty)}";

    /// <summary><c>1 worker pod</c>, <c>3 worker pods</c>.</summary>
    public static string Pods(int count, string role) =>
        string.Create(Inv, $"{count} {role} {(count == 1 ? "pod" : "pods")}");

    /// <summary>Seconds as a JSON number rounded to 3 decimals (milliseconds); null stays null.</summary>
    internal static double? Seconds(TimeSpan? duration) =>
        duration is { } d ? Math.Round(d.TotalSeconds, 3, MidpointRounding.AwayFromZero) : null;
}
