using System.Text.Json;
using k8s;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>Asks a Ray head pod for its node list through the API server's pod proxy (no port-forward, works with RBAC <c>pods/proxy get</c>).</summary>
public static class RayStateApi
{
    /// <summary>The head's node list, or a one-line reason why it could not be read.</summary>
    public static async Task<(IReadOnlyList<RayNode>? Nodes, string? Problem)> ListNodesAsync(
        IKubernetes client, string @namespace, string headPod, TargetSettings target, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(target);
        ProxyResponse response;
        try
        {
            response = await client.ProxyToPodAsync(HttpMethod.Get, @namespace, headPod, target.RayDashboardPort, target.RayNodesPath, ct: ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KubernetesConnectionException or TimeoutException or HttpRequestException)
        {
            return (null, $"{target.RayNodesPath} on head pod {headPod} failed: {e.Message}");
        }

        if (!response.IsSuccess)
        {
            return (null, $"{target.RayNodesPath} on head pod {headPod} answered {(int)response.StatusCode}");
        }

        try
        {
            return (Parse(response.Body), null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (null, $"{target.RayNodesPath} on head pod {headPod} answered something that is not Ray's node list: {e.Message}");
        }
    }

    /// <summary>Parses Ray's <c>{"data":{"result":{"result":[...]}}}</c> envelope.</summary>
    public static IReadOnlyList<RayNode> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var items = document.RootElement.GetProperty("data").GetProperty("result").GetProperty("result");
        return items.EnumerateArray().Select(n => new RayNode(
            n.GetProperty("node_id").GetString()!,
            n.TryGetProperty("node_name", out var name) ? name.GetString() : null,
            n.TryGetProperty("node_ip", out var ip) ? ip.GetString() : null,
            n.TryGetProperty("is_head_node", out var head) && head.GetBoolean(),
            n.GetProperty("state").GetString()!,
            n.TryGetProperty("start_time_ms", out var start) && start.ValueKind == JsonValueKind.Number ? start.GetInt64() : 0)).ToList();
    }
}
