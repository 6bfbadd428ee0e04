using ZeroDowntime.Kubernetes.Config;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>Free text on its way into a report: credentials masked, line breaks kept only where asked.</summary>
internal static class ReportText
{
    public static string? Clean(string? text) => text is null ? null : Secrets.Redact(text);

    public static string OneLine(string text) =>
        Secrets.Redact(text).Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ');
}
