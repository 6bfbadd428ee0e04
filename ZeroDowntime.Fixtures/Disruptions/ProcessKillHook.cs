using System.Text.Json.Nodes;
using k8s;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Disruptions;

/// <summary>
/// The embedded cluster's process-kill test hook, <c>POST pods/NAME/zerodowntime-kill</c>: SIGKILL to a
/// container's processes without deleting the pod (docs/local-cluster-kubelet.md). Real clusters have no
/// such hook, and the suite does not fall back to <c>pods/exec ... kill 1</c>: a container's PID 1 ignores
/// SIGKILL sent from inside its own PID namespace, and exec needs a shell and <c>kill</c> in the image.
/// </summary>
public static class ProcessKillHook
{
    /// <summary>The pod subresource.</summary>
    public const string Subresource = "zerodowntime-kill";

    /// <summary>True when the cluster's discovery lists <c>pods/zerodowntime-kill</c>.</summary>
    public static async Task<bool> IsAvailableAsync(IKubernetes client, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var resources = await client.CoreV1.GetAPIResourcesAsync(ct).DescribeFailure().ConfigureAwait(false);
        return resources.Resources?.Any(r => r.Name == $"pods/{Subresource}") == true;
    }

    /// <summary>Kills the processes of <paramref name="container"/> (null: the first) of a pod; returns the cluster's sentence.</summary>
    /// <exception cref="InvalidOperationException">The hook answered with an error (its status and message).</exception>
    public static async Task<string> KillAsync(IKubernetes client, string @namespace, string pod, string? container, CancellationToken ct = default)
    {
        if (client is not k8s.Kubernetes library)
        {
            throw new NotSupportedException($"The process-kill hook needs the library's k8s.Kubernetes client; got {client.GetType().Name}.");
        }

        var query = container is null ? "" : $"?container={Uri.EscapeDataString(container)}";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(library.BaseUri, $"api/v1/namespaces/{@namespace}/pods/{pod}/{Subresource}{query}"));
        if (library.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, ct).ConfigureAwait(false);
        }

        using var response = await library.HttpClient.SendAsync(request, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        var message = TryMessage(body) ?? body;
        return response.IsSuccessStatusCode
            ? message
            : throw new InvalidOperationException($"POST pods/{pod}/{Subresource} failed: {(int)response.StatusCode} {response.StatusCode}: {message}");
    }

    private static string? TryMessage(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["message"]?.GetValue<string>();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
