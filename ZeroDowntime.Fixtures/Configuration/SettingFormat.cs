namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>How a setting's text is checked beyond its C# type.</summary>
public enum SettingFormat
{
    /// <summary>Any non-empty text, trimmed.</summary>
    Text,

    /// <summary>Taken exactly as given, not trimmed (compared to a context name).</summary>
    Exact,

    /// <summary>A Kubernetes label selector (<c>app=redis</c>, <c>tier in (a,b)</c>, <c>!canary</c>).</summary>
    LabelSelector,

    /// <summary>A DNS-1123 label: namespaces, service names.</summary>
    DnsLabel,

    /// <summary>A DNS-1123 subdomain: most object names.</summary>
    DnsSubdomain,

    /// <summary>A URL path starting with <c>/</c>.</summary>
    UrlPath,

    /// <summary>An absolute http or https URL.</summary>
    HttpUrl,

    /// <summary>A container image pinned to a tag or digest (not <c>latest</c>).</summary>
    PinnedImage,

    /// <summary>Ramping load stages: <c>RATE:DURATION</c> steps, comma-separated (<c>5:30s,10:30s,20:60s</c>).</summary>
    LoadStages,

    /// <summary>A .NET regular expression.</summary>
    RegularExpression,
}
