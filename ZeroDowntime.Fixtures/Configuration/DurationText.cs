using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>
/// Durations as settings write them: a number and a unit, optionally repeated
/// (<c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1m30s</c>, <c>1h</c>), like Go and kubectl durations.
/// </summary>
public static partial class DurationText
{
    /// <summary>Parses <paramref name="text"/>; false for anything else, including a bare number.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (!WholeDuration().IsMatch(text))
        {
            return false;
        }

        foreach (Match part in DurationPart().Matches(text))
        {
            var amount = double.Parse(part.Groups["amount"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            duration += part.Groups["unit"].Value switch
            {
                "h" => TimeSpan.FromHours(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "s" => TimeSpan.FromSeconds(amount),
                _ => TimeSpan.FromMilliseconds(amount),
            };
        }

        return true;
    }

    /// <summary>Writes <paramref name="duration"/> in the same form, e.g. <c>1m30s</c> or <c>250ms</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new StringBuilder(duration < TimeSpan.Zero ? "-" : "");
        duration = duration.Duration();
        if (duration.TotalHours >= 1)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours}h");
        }

        if (duration.Minutes > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{duration.Minutes}m");
        }

        if (duration.Seconds > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{duration.Seconds}s");
        }

        var milliseconds = duration.TotalMilliseconds % 1000;
        if (milliseconds > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{milliseconds:0.###}ms");
        }

        return text.ToString();
    }

    [GeneratedRegex(@"^(\d+(\.\d+)?(ms|h|m|s))+$", RegexOptions.CultureInvariant)]
    private static partial Regex WholeDuration();

    [GeneratedRegex(@"(?<amount>\d+(\.\d+)?)(?<unit>ms|h|m|s)", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPart();
}
