using k8s;
using k8s.Models;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>Finds the address requests go to: <c>ZD_TARGET__BASE_URL</c>, else the Service's load-balancer ingress.</summary>
public static class LoadBalancerAddress
{
    /// <summary>
    /// Waits (on a watch) until the Service has a load-balancer ingress and returns
    /// <c>http://INGRESS:PORT/</c>; throws with one sentence when the Service is missing or never gets one.
    /// </summary>
    public static async Task<Uri> ResolveAsync(IKubernetes client, string @namespace, TargetSettings target, TimeSpan timeout, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.BaseUrl is { } baseUrl)
        {
            return new Uri(baseUrl);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var byName = $"metadata.name={target.ServiceName}";
        try
        {
            var list = await client.ListAllAsync(KubeResources.Services, @namespace, fieldSelector: byName, ct: deadline.Token).ConfigureAwait(false);
            if (list.Items.Count == 0)
            {
                throw new InvalidOperationException(
                    $"Service '{target.ServiceName}' (ZD_TARGET__SERVICE_NAME) does not exist in namespace '{@namespace}'.");
            }

            if (AddressOf(list.Items[0], target.ServicePort) is { } found)
            {
                return found;
            }

            await foreach (var e in client.WatchFromListAsync(KubeResources.Services, list, @namespace, new WatchOptions { FieldSelector = byName }, deadline.Token)
                               .ConfigureAwait(false))
            {
                if (AddressOf(e.Object, target.ServicePort) is { } address)
                {
                    return address;
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Reported below.
        }

        throw new TimeoutException(
            $"Service '{target.ServiceName}' got no load-balancer ingress within {timeout.TotalSeconds:0} s; set ZD_TARGET__BASE_URL to reach it another way.");
    }

    private static Uri? AddressOf(V1Service service, int port)
    {
        var ingress = service.Status?.LoadBalancer?.Ingress?.FirstOrDefault();
        var host = ingress?.Ip ?? ingress?.Hostname;
        return string.IsNullOrEmpty(host) ? null : new Uri($"http://{host}:{port}/");
    }
}
