using System.Globalization;

namespace ZeroDowntime.MockVllm;

public sealed partial class MockVllmOptions
{
    private static MockVllmOptionsException Bad(string flag, string value, string? expected = null) =>
        new($"Invalid value '{value}' for --{flag}{(expected is null ? "." : $": expected {expected}.")}");

    private static bool IsOff(string value) => value.Equals("off", StringComparison.OrdinalIgnoreCase) || value == "0";

    private static T ParseEnum<T>(string flag, string value)
        where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _)
            ? parsed
            : throw Bad(flag, value, string.Join(" or ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant())));

    private static bool ParseBool(string flag, string value) => value.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "on" => true,
        "false" or "0" or "no" or "off" => false,
        _ => throw Bad(flag, value, "true or false"),
    };

    private static int? ParsePort(string flag, string value)
    {
        if (value.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw Bad(flag, value, "a port number 0-65535 or off");
    }

    private static string ParseNodeId(string value) =>
        value.Length == 56 && value.All(Uri.IsHexDigit) ? value.ToLowerInvariant() : throw Bad("node-id", value, "56 hex characters");

    private static TimeSpan ParseMilliseconds(string flag, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0 && double.IsFinite(ms)
            ? TimeSpan.FromMilliseconds(ms)
            : throw Bad(flag, value, "a number of milliseconds >= 0");

    private static TimeSpan ParsePositiveDuration(string flag, string value)
    {
        var duration = ParseDuration(flag, value);
        return duration > TimeSpan.Zero ? duration : throw Bad(flag, value, "a duration above zero");
    }

    /// <summary>Parses 250ms, 1.5s, 2m or a bare number of seconds.</summary>
    internal static TimeSpan ParseDuration(string flag, string value)
    {
        var text = value.Trim().ToLowerInvariant();
        var (number, scale) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 1.0),
            _ when text.EndsWith('s') => (text[..^1], 1000.0),
            _ when text.EndsWith('m') => (text[..^1], 60_000.0),
            _ => (text, 1000.0),
        };
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0 && double.IsFinite(amount)
            ? TimeSpan.FromMilliseconds(amount * scale)
            : throw Bad(flag, value, "a duration such as 250ms, 1.5s or 2m");
    }
}
