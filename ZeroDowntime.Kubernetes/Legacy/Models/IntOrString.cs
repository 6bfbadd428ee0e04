using System.Globalization;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>
/// A value that is either an integer or a string such as <c>25%</c> or a named port (<c>http</c>):
/// maxSurge, maxUnavailable, minAvailable, targetPort, probe ports.
/// </summary>
/// <example><code>
/// IntOrString surge = "25%";
/// int pods = surge.Resolve(total: 10, roundUp: true); // 3
/// </code></example>
[JsonConverter(typeof(IntOrStringConverter))]
public sealed record IntOrString
{
    private IntOrString(int? intValue, string? stringValue) => (IntValue, StringValue) = (intValue, stringValue);

    /// <summary>The integer form, or null when this is a string.</summary>
    public int? IntValue { get; }

    /// <summary>The string form, or null when this is an integer.</summary>
    public string? StringValue { get; }

    /// <summary>True when this holds an integer.</summary>
    public bool IsInt => IntValue.HasValue;

    /// <summary>True when this is a string ending in <c>%</c>.</summary>
    public bool IsPercent => StringValue is { } s && s.EndsWith('%');

    /// <summary>An integer value.</summary>
    public static IntOrString FromInt(int value) => new(value, null);

    /// <summary>A string value (a percentage or a port name).</summary>
    public static IntOrString FromString(string value) => new(null, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>Converts an integer.</summary>
    public static implicit operator IntOrString(int value) => FromInt(value);

    /// <summary>Converts a string.</summary>
    public static implicit operator IntOrString(string value) => FromString(value);

    /// <summary>
    /// The absolute value against <paramref name="total"/>: an integer as is; a percentage of the
    /// total rounded up or down (Kubernetes rounds maxSurge and PDB percentages up, maxUnavailable down).
    /// </summary>
    /// <exception cref="FormatException">The string is not an integer percentage.</exception>
    public int Resolve(int total, bool roundUp)
    {
        if (IntValue is { } i) return i;
        var s = StringValue!;
        if (!s.EndsWith('%') || !int.TryParse(s.AsSpan(0, s.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
            throw new FormatException($"'{s}' is not an integer or a percentage such as '25%'.");
        var scaled = (long)percent * total;
        return (int)(roundUp ? (scaled + 99) / 100 : scaled / 100);
    }

    /// <inheritdoc />
    public override string ToString() => IntValue?.ToString(CultureInfo.InvariantCulture) ?? StringValue!;
}
