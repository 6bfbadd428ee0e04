using System.Globalization;

namespace ZeroDowntime.LocalCluster.Http.Tables;

/// <summary>kubectl's short age format (k8s.io/apimachinery duration.HumanDuration): 45s, 3m12s, 5h, 2d3h, 400d.</summary>
internal static class HumanDuration
{
    public static string Format(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 120)
        {
            return F($"{seconds}s");
        }

        var minutes = seconds / 60;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? F($"{minutes}m") : F($"{minutes}m{s}s");
        }

        if (minutes < 180)
        {
            return F($"{minutes}m");
        }

        var hours = minutes / 60;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? F($"{hours}h") : F($"{hours}h{m}m");
        }

        if (hours < 48)
        {
            return F($"{hours}h");
        }

        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? F($"{hours / 24}d") : F($"{hours / 24}d{h}h");
        }

        if (hours < 24 * 365 * 2)
        {
            return F($"{hours / 24}d");
        }

        var years = hours / 24 / 365;
        if (years < 8)
        {
            var days = (hours / 24) % 365;
            return days == 0 ? F($"{years}y") : F($"{years}y{days}d");
        }

        return F($"{years}y");
    }

    /// <summary>Age of a timestamp string relative to <paramref name="now"/>; <c>&lt;unknown&gt;</c> when missing.</summary>
    public static string Since(string? timestamp, DateTimeOffset now) =>
        DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? Format(now - t)
            : "<unknown>";

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
