using System.Globalization;

namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>Parses Kubernetes resource quantities (<c>250m</c>, <c>1.5</c>, <c>2k</c>, <c>512Mi</c>) to numbers.</summary>
public static class Quantity
{
    private static readonly (string Suffix, double Factor)[] Suffixes =
    [
        ("Ki", 1024d), ("Mi", 1024d * 1024), ("Gi", 1024d * 1024 * 1024), ("Ti", 1024d * 1024 * 1024 * 1024),
        ("n", 1e-9), ("u", 1e-6), ("m", 1e-3), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12),
    ];

    /// <summary>The value in base units (<c>250m</c> → 0.25); throws <see cref="FormatException"/> on bad input.</summary>
    public static double Parse(string text)
    {
        var s = text.Trim();
        foreach (var (suffix, factor) in Suffixes)
        {
            if (s.EndsWith(suffix, StringComparison.Ordinal) && double.TryParse(s.AsSpan(0, s.Length - suffix.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                return v * factor;
            }
        }

        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain)
            ? plain
            : throw new FormatException($"'{text}' is not a quantity such as '250m' or '1'.");
    }

    /// <summary>The value in milli-units (<c>250m</c> → 250, <c>1</c> → 1000).</summary>
    public static double ParseMilli(string text) => Parse(text) * 1000;

    /// <summary>Formats milli-units as Kubernetes does for small values (<c>250m</c>, <c>2</c>).</summary>
    public static string FormatMilli(double milli)
    {
        var rounded = Math.Round(milli);
        return rounded % 1000 == 0 ? (rounded / 1000).ToString(CultureInfo.InvariantCulture) : $"{rounded.ToString(CultureInfo.InvariantCulture)}m";
    }
}
