using System.Globalization;
using k8s.Models;

namespace ZeroDowntime.LocalCluster.Controllers.Infrastructure;

/// <summary>
/// Reads the library's <see cref="IntOrString"/> as the controllers need it: maxSurge, maxUnavailable,
/// minAvailable and targetPort are either a number or a string (<c>25%</c>, a port name). The library keeps
/// only the text, so a value that parses as an integer is an integer.
/// </summary>
/// <example><code>
/// IntOrString surge = "25%";
/// int pods = surge.Resolve(total: 10, roundUp: true); // 3
/// </code></example>
public static class IntOrStringExtensions
{
    /// <summary>The integer form, or null when the value is a string (a percentage or a name).</summary>
    public static int? IntValue(this IntOrString value) =>
        int.TryParse(value.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : null;

    /// <summary>True when the value is an integer.</summary>
    public static bool IsInt(this IntOrString value) => value.IntValue() is not null;

    /// <summary>
    /// The absolute value against <paramref name="total"/>: an integer as is; a percentage of the total
    /// rounded up or down (Kubernetes rounds maxSurge and PDB percentages up, maxUnavailable down).
    /// </summary>
    /// <exception cref="FormatException">The value is neither an integer nor an integer percentage.</exception>
    public static int Resolve(this IntOrString value, int total, bool roundUp)
    {
        if (value.IntValue() is { } i)
        {
            return i;
        }

        var s = value.Value ?? "";
        if (!s.EndsWith('%') || !int.TryParse(s.AsSpan(0, s.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
        {
            throw new FormatException($"'{s}' is not an integer or a percentage such as '25%'.");
        }

        var scaled = (long)percent * total;
        return (int)(roundUp ? (scaled + 99) / 100 : scaled / 100);
    }
}
