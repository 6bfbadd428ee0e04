using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;

namespace ZeroDowntime.LocalCluster.Kubelet;

/// <summary>
/// Runs a probe or lifecycle handler (<c>httpGet</c>, <c>tcpSocket</c>, <c>exec</c>, <c>sleep</c>)
/// against a pod as the kubelet does: HTTP 200-399 passes, a TCP connect passes, exit code 0 passes.
/// </summary>
internal static class HandlerRunner
{
    private const int MaxExecOutput = 10 * 1024;

    private static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.Zero,
        AutomaticDecompression = DecompressionMethods.None,
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Runs <paramref name="handler"/> within <paramref name="timeout"/>.</summary>
    public static async Task<ProbeResult> RunAsync(JsonObject handler, string podIp, JsonObject container,
        IReadOnlyDictionary<string, string> env, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            if (handler["httpGet"] is JsonObject httpGet)
            {
                return await HttpGetAsync(httpGet, podIp, container, deadline.Token).ConfigureAwait(false);
            }

            if (handler["tcpSocket"] is JsonObject tcp)
            {
                return await TcpAsync(tcp, podIp, container, deadline.Token).ConfigureAwait(false);
            }

            if (handler["exec"] is JsonObject exec)
            {
                return await ExecAsync(exec, env, deadline.Token).ConfigureAwait(false);
            }

            if (handler["sleep"] is JsonObject sleep)
            {
                // The sleep action: the delay is the behaviour.
                await Task.Delay(TimeSpan.FromSeconds(sleep.GetInt64("seconds") ?? 0), ct).ConfigureAwait(false);
                return ProbeResult.Ok;
            }

            return new ProbeResult(false, handler["grpc"] is not null
                ? "grpc probes are not supported by the local cluster"
                : "the handler has no httpGet, tcpSocket, exec or sleep action");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ProbeResult(false, $"probe timed out after {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s");
        }
    }

    /// <summary>A numeric port, or the containerPort of a named port.</summary>
    public static int? ResolvePort(JsonNode? port, JsonObject container)
    {
        if (port is JsonValue value && value.TryGetValue<int>(out var number))
        {
            return number;
        }

        var name = port?.GetValue<string>();
        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        var match = (container["ports"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(p => p.GetString("name") == name);
        return match?.GetInt64("containerPort") is { } found ? (int)found : null;
    }

    private static async Task<ProbeResult> HttpGetAsync(JsonObject httpGet, string podIp, JsonObject container, CancellationToken ct)
    {
        var port = ResolvePort(httpGet["port"], container);
        if (port is null)
        {
            return new ProbeResult(false, $"unknown port {httpGet["port"]?.ToJsonString()}");
        }

        var scheme = (httpGet.GetString("scheme") ?? "HTTP").ToLowerInvariant();
        var host = httpGet.GetString("host") is { Length: > 0 } h ? h : podIp;
        var path = httpGet.GetString("path") ?? "/";
        var url = $"{scheme}://{host}:{port}{(path.StartsWith('/') ? path : "/" + path)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.ConnectionClose = true;
        request.Headers.TryAddWithoutValidation("User-Agent", "kube-probe/1.32");
        foreach (var header in (httpGet["httpHeaders"] as JsonArray ?? []).OfType<JsonObject>())
        {
            request.Headers.TryAddWithoutValidation(header.GetString("name") ?? "", header.GetString("value") ?? "");
        }

        try
        {
            using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            return code is >= 200 and < 400 ? ProbeResult.Ok : new ProbeResult(false, $"HTTP probe failed with statuscode: {code}");
        }
        catch (HttpRequestException e)
        {
            return new ProbeResult(false, $"Get \"{url}\": {Describe(e.InnerException as SocketException, host, port.Value) ?? e.Message}");
        }
    }

    private static async Task<ProbeResult> TcpAsync(JsonObject tcp, string podIp, JsonObject container, CancellationToken ct)
    {
        var port = ResolvePort(tcp["port"], container);
        if (port is null)
        {
            return new ProbeResult(false, $"unknown port {tcp["port"]?.ToJsonString()}");
        }

        var host = tcp.GetString("host") is { Length: > 0 } h ? h : podIp;
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port.Value, ct).ConfigureAwait(false);
            return ProbeResult.Ok;
        }
        catch (SocketException e)
        {
            return new ProbeResult(false, Describe(e, host, port.Value)!);
        }
    }

    private static async Task<ProbeResult> ExecAsync(JsonObject exec, IReadOnlyDictionary<string, string> env, CancellationToken ct)
    {
        var command = (exec["command"] as JsonArray ?? []).Select(n => n?.GetValue<string>() ?? "").ToList();
        if (command.Count == 0 || ImageMappings.FindExecutable(command[0]) is not { } executable)
        {
            return new ProbeResult(false, command.Count == 0 ? "exec handler has no command"
                : $"exec: \"{command[0]}\": executable file not found in $PATH");
        }

        var output = new StringBuilder();
        using var process = SupervisedProcess.Start(executable, command.Skip(1), env, (_, line) =>
        {
            lock (output)
            {
                if (output.Length < MaxExecOutput)
                {
                    output.AppendLine(line);
                }
            }
        });
        try
        {
            var code = await process.Exited.WaitAsync(ct).ConfigureAwait(false);
            lock (output)
            {
                return code == 0 ? ProbeResult.Ok : new ProbeResult(false, $"command exited with {code}: {output.ToString().Trim()}");
            }
        }
        catch (OperationCanceledException)
        {
            // Timed out (or the pod is going away): the hook's processes must not outlive it.
            process.Kill();
            throw;
        }
    }

    private static string? Describe(SocketException? e, string host, int port) => e?.SocketErrorCode switch
    {
        null => null,
        SocketError.ConnectionRefused => $"dial tcp {host}:{port}: connect: connection refused",
        SocketError.TimedOut => $"dial tcp {host}:{port}: i/o timeout",
        _ => $"dial tcp {host}:{port}: {e.Message}",
    };
}
