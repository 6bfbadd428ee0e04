using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ZeroDowntime.Kubernetes.Config;

// Running the plugin and reading its ExecCredential. Its stdout carries the credential, so no
// part of it ever reaches a message; stderr is shown only redacted and truncated.
internal sealed partial class ExecCredentialProvider
{
    private const int MaxStderrInMessage = 600;

    private async Task<ExecCredential> RunPluginAsync(CancellationToken cancellationToken)
    {
        var name = $"exec plugin '{_settings.Command}' for {_settings.Owner}";
        using var process = new Process { StartInfo = CreateStartInfo() };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new KubeConfigException($"The {name} could not be started: {ex.Message.TrimEnd('.')}.");
        }

        // No terminal here: the plugin must not wait for input (interactiveMode Never/IfAvailable).
        process.StandardInput.Close();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            StopQuietly(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw new KubeConfigException($"The {name} did not finish within {_timeout.TotalSeconds:0} s and was stopped.");
        }

        if (process.ExitCode != 0)
        {
            // Redacted as a whole first (a PEM block spans lines), then only the first line: one sentence, not a log.
            var lines = Secrets.Redact(stderr.Result, LikelySecrets(stdout.Result)).Split('\n')
                .Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            if (lines.Count == 0)
            {
                throw new KubeConfigException($"The {name} exited with code {process.ExitCode} and wrote nothing to stderr.");
            }

            var first = lines[0].Length > MaxStderrInMessage ? lines[0][..MaxStderrInMessage] + "..." : lines[0];
            var more = lines.Count == 1 ? "" : $" ({lines.Count - 1} more line{(lines.Count == 2 ? "" : "s")}: run the command by hand to see them)";
            throw new KubeConfigException($"The {name} exited with code {process.ExitCode}; the first line of its stderr (redacted): {first}{more}");
        }

        return Parse(stdout.Result, name);
    }

    private static void StopQuietly(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the timeout and the kill.
        }
    }

    private ProcessStartInfo CreateStartInfo()
    {
        var info = new ProcessStartInfo(_settings.ExecutablePath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in _settings.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Clear();
        foreach (var (key, value) in _inheritedEnvironment)
        {
            info.Environment[key] = value;
        }

        foreach (var (key, value) in _settings.Environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["KUBERNETES_EXEC_INFO"] = ExecInfo();
        return info;
    }

    private string ExecInfo()
    {
        var spec = new JsonObject { ["interactive"] = false };
        if (_settings.ClusterInfo is { } cluster)
        {
            spec["cluster"] = cluster.DeepClone();
        }

        return new JsonObject { ["apiVersion"] = _settings.ApiVersion, ["kind"] = "ExecCredential", ["spec"] = spec }.ToJsonString();
    }

    private ExecCredential Parse(string stdout, string name)
    {
        var notCredential = $"The {name} did not print an ExecCredential ({_settings.ApiVersion}) on stdout (output not shown)";
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(stdout);
        }
        catch (JsonException)
        {
            throw new KubeConfigException(notCredential + ": it is not JSON.");
        }

        if (root is not JsonObject obj || Text(obj, "kind") != "ExecCredential")
        {
            throw new KubeConfigException(notCredential + ": its kind is not ExecCredential.");
        }

        if (Text(obj, "apiVersion") != _settings.ApiVersion)
        {
            throw new KubeConfigException(notCredential + $": its apiVersion differs from the configured '{_settings.ApiVersion}'.");
        }

        var status = obj["status"] as JsonObject;
        var token = status is null ? null : Text(status, "token");
        var certificateData = status is null ? null : Text(status, "clientCertificateData");
        var keyData = status is null ? null : Text(status, "clientKeyData");
        if (string.IsNullOrEmpty(token) && (string.IsNullOrEmpty(certificateData) || string.IsNullOrEmpty(keyData)))
        {
            throw new KubeConfigException(notCredential + ": it has neither status.token nor status.clientCertificateData with status.clientKeyData.");
        }

        DateTimeOffset? expiresAt = null;
        if (status is not null && Text(status, "expirationTimestamp") is { Length: > 0 } expiry)
        {
            expiresAt = DateTimeOffset.TryParse(expiry, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : throw new KubeConfigException(notCredential + ": status.expirationTimestamp is not an RFC 3339 time.");
        }

        var certificate = string.IsNullOrEmpty(certificateData) || string.IsNullOrEmpty(keyData)
            ? null
            : ClientCertificates.FromPem(certificateData, keyData, $"the {name}", _time);
        return new ExecCredential(string.IsNullOrEmpty(token) ? null : token, certificate, expiresAt);
    }

    private static string? Text(JsonObject obj, string property) =>
        obj[property] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    // What a failing plugin printed on stdout may still be a credential; mask it if stderr repeats it.
    private static IEnumerable<string> LikelySecrets(string stdout)
    {
        try
        {
            if (JsonNode.Parse(stdout)?["status"] is JsonObject status)
            {
                return status.Select(p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList();
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through and treat every long word as a possible secret.
        }

        return stdout.Split((char[])[' ', '\t', '\r', '\n', '"', '\'', ',', '{', '}', ':', '='], StringSplitOptions.RemoveEmptyEntries)
            .Where(word => word.Length >= 8);
    }
}
