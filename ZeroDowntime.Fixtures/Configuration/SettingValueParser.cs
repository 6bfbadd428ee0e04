using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>Turns setting text into typed values, and says in words what a setting accepts.</summary>
internal static partial class SettingValueParser
{
    public const string NoneKeyword = "none";

    /// <summary>What the setting accepts, completing "but it must be ...".</summary>
    public static string DescribeAllowed(SettingDescriptor descriptor)
    {
        var attribute = descriptor.Attribute;
        var type = descriptor.ValueType;
        var allowed = type switch
        {
            _ when type.IsEnum => "one of: " + string.Join(", ", EnumNames(type)),
            _ when type == typeof(int) => "a whole number" + DescribeRange(attribute),
            _ when type == typeof(double) => "a number" + DescribeRange(attribute),
            _ when type == typeof(TimeSpan) => "a positive duration such as 500ms, 30s, 5m or 1m30s",
            _ => attribute.Format switch
            {
                SettingFormat.LabelSelector => "a label selector such as app=redis or ray.io/node-type in (head,worker)",
                SettingFormat.DnsLabel => "a DNS label: up to 63 lowercase letters, digits or '-', starting and ending with a letter or digit",
                SettingFormat.DnsSubdomain => "a Kubernetes object name: lowercase letters, digits, '-' or '.', starting and ending with a letter or digit",
                SettingFormat.UrlPath => "a path starting with '/' and without spaces",
                SettingFormat.HttpUrl => "an absolute http:// or https:// URL",
                SettingFormat.PinnedImage => "an image pinned to a tag or digest, such as grafana/k6:2.0.0 (not latest)",
                SettingFormat.LoadStages => Load.LoadStages.Description,
                SettingFormat.RegularExpression => "a .NET regular expression",
                _ => "non-empty text",
            },
        };

        return descriptor.IsOptional && type == typeof(int) ? allowed + ", or none" : allowed;
    }

    /// <summary>Parses <paramref name="text"/> (already known to be non-empty); false when it is not allowed.</summary>
    public static bool TryParse(SettingDescriptor descriptor, string text, out object? value)
    {
        var type = descriptor.ValueType;
        var attribute = descriptor.Attribute;
        value = null;
        if (descriptor.IsOptional && type == typeof(int) && text.Equals(NoneKeyword, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (type.IsEnum)
        {
            var match = Enum.GetValues(type).Cast<Enum>().FirstOrDefault(e => ToText(e).Equals(text, StringComparison.OrdinalIgnoreCase));
            value = match;
            return match is not null;
        }

        if (type == typeof(int))
        {
            var ok = int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && InRange(number, attribute);
            value = number;
            return ok;
        }

        if (type == typeof(double))
        {
            var ok = double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                && double.IsFinite(number) && InRange(number, attribute);
            value = number;
            return ok;
        }

        if (type == typeof(TimeSpan))
        {
            var ok = DurationText.TryParse(text, out var duration) && duration > TimeSpan.Zero;
            value = duration;
            return ok;
        }

        value = text;
        return attribute.Format switch
        {
            SettingFormat.LabelSelector => IsLabelSelector(text),
            SettingFormat.DnsLabel => DnsLabel().IsMatch(text),
            SettingFormat.DnsSubdomain => text.Length <= 253 && DnsSubdomain().IsMatch(text),
            SettingFormat.UrlPath => text.StartsWith('/') && !text.Any(char.IsWhiteSpace),
            SettingFormat.HttpUrl => Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps),
            SettingFormat.PinnedImage => IsPinnedImage(text),
            SettingFormat.LoadStages => Load.LoadStages.TryParse(text, out _),
            SettingFormat.RegularExpression => IsRegularExpression(text),
            _ => text.Length > 0,
        };
    }

    /// <summary>An enum value as settings write it: <c>FreshConnection</c> becomes <c>fresh-connection</c>.</summary>
    public static string ToText(Enum value)
    {
        var name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    public static IEnumerable<string> EnumNames(Type enumType) => Enum.GetValues(enumType).Cast<Enum>().Select(ToText);

    private static string DescribeRange(SettingAttribute attribute)
    {
        string Number(double n) => n.ToString(CultureInfo.InvariantCulture);
        return (double.IsNaN(attribute.Minimum), double.IsNaN(attribute.Maximum)) switch
        {
            (false, false) => $" from {Number(attribute.Minimum)} to {Number(attribute.Maximum)}",
            (false, true) => $" of at least {Number(attribute.Minimum)}",
            (true, false) => $" of at most {Number(attribute.Maximum)}",
            _ => "",
        };
    }

    private static bool InRange(double number, SettingAttribute attribute) =>
        (double.IsNaN(attribute.Minimum) || number >= attribute.Minimum)
        && (double.IsNaN(attribute.Maximum) || number <= attribute.Maximum);

    private static bool IsLabelSelector(string text)
    {
        // Commas separate requirements, except inside the value list of in/notin.
        var depth = 0;
        var start = 0;
        var requirements = new List<string>();
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                requirements.Add(text[start..i]);
                start = i + 1;
            }
        }

        requirements.Add(text[start..]);
        return depth == 0 && requirements.All(r => LabelRequirement().IsMatch(r.Trim()));
    }

    private static bool IsRegularExpression(string text)
    {
        try
        {
            _ = new Regex(text, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsPinnedImage(string text)
    {
        if (text.Length == 0 || text.Any(char.IsWhiteSpace))
        {
            return false;
        }

        if (text.Contains("@sha256:", StringComparison.Ordinal))
        {
            return true;
        }

        var lastSegment = text[(text.LastIndexOf('/') + 1)..];
        var colon = lastSegment.IndexOf(':');
        return colon > 0 && colon < lastSegment.Length - 1 && lastSegment[(colon + 1)..] != "latest";
    }

    private const string LabelKey = @"([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?";
    private const string LabelValue = @"([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?";

    [GeneratedRegex("^(!?" + LabelKey + "|" + LabelKey + @"\s*(=|==|!=)\s*" + LabelValue + "|" + LabelKey +
        @"\s+(in|notin)\s*\(\s*" + LabelValue + @"(\s*,\s*" + LabelValue + @")*\s*\))$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelRequirement();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomain();
}
