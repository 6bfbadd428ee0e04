using System.Text.RegularExpressions;

namespace ZeroDowntime.Kubernetes.Config;

/// <summary>
/// Masks credentials in text that is about to reach a message, a log line or a report: bearer
/// tokens, <c>token:</c>/<c>"token":</c> style values, PEM blocks (keys and certificates), JWTs
/// and EKS tokens, plus any literal secrets the caller knows about.
/// </summary>
/// <example>
/// <code>
/// logger.Log(Secrets.Redact(responseBody));
/// // "Authorization: Bearer abc.def" -> "Authorization: Bearer &lt;redacted&gt;"
/// </code>
/// </example>
public static partial class Secrets
{
    /// <summary>The text that replaces a secret.</summary>
    public const string Mask = "<redacted>";

    // Literal secrets shorter than this are not masked: masking "a" would shred every message.
    private const int MinimumKnownSecretLength = 6;

    /// <summary>Returns <paramref name="text"/> with every recognisable credential masked.</summary>
    public static string Redact(string? text) => Redact(text, []);

    /// <summary>
    /// Returns <paramref name="text"/> with every recognisable credential masked, and every
    /// occurrence of the given literal secrets (e.g. the values an exec plugin printed).
    /// </summary>
    public static string Redact(string? text, IEnumerable<string> knownSecrets)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var result = text;
        foreach (var secret in knownSecrets.Where(s => s.Length >= MinimumKnownSecretLength).OrderByDescending(s => s.Length))
        {
            result = result.Replace(secret, Mask, StringComparison.Ordinal);
        }

        result = PemBlock().Replace(result, "<redacted PEM block>");
        result = UnterminatedPemBlock().Replace(result, "<redacted PEM block>");
        result = BearerOrBasic().Replace(result, m => m.Groups["scheme"].Value + Mask);
        result = SecretField().Replace(result, m => m.Groups["key"].Value + Mask);
        result = Jwt().Replace(result, Mask);
        result = EksToken().Replace(result, Mask);
        return result;
    }

    [GeneratedRegex(@"-----BEGIN [A-Z0-9 ]+-----[\s\S]*?-----END [A-Z0-9 ]+-----")]
    private static partial Regex PemBlock();

    [GeneratedRegex(@"-----BEGIN [A-Z0-9 ]+-----[\s\S]*$")]
    private static partial Regex UnterminatedPemBlock();

    [GeneratedRegex(@"(?<scheme>\b(?:Bearer|Basic)\s+)[^\s""',;]+", RegexOptions.IgnoreCase)]
    private static partial Regex BearerOrBasic();

    // token: x, "token": "x", password=x, client-key-data: x, AWS_SECRET_ACCESS_KEY=x ...
    [GeneratedRegex(@"(?<key>[""']?[\w-]*(?:token|password|passwd|secret|client-key-data|clientKeyData|private[_-]?key|api[_-]?key)[\w-]*[""']?\s*[:=]\s*[""']?)(?!<redacted)[^\s""',;}]+", RegexOptions.IgnoreCase)]
    private static partial Regex SecretField();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"\bk8s-aws-v1\.[A-Za-z0-9_-]+")]
    private static partial Regex EksToken();
}
