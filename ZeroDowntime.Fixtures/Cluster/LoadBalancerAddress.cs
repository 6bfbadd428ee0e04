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

        return await ResolveServiceAsync(client, @namespace, target.ServiceName, target.ServicePort, "ZD_TARGET__SERVICE_NAME", timeout, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits (on a watch) until Service <paramref name="service"/> has a load-balancer ingress and returns
    /// <c>http://INGRESS:PORT/</c>; <paramref name="setting"/> names the setting that chose the Service, for the message when it is missing.
    /// </summary>
    public static async Task<Uri> ResolveServiceAsync(IKubernetes client, string @namespace, string service, int port, string setting, TimeSpan timeout, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var byName = $"metadata.name={service}";
        try
        {
            var list = await client.ListAllAsync(KubeResources.Services, @namespace, fieldSelector: byName, ct: deadline.Token).ConfigureAwait(false);
            if (list.Items.Count == 0)
            {
                throw new InvalidOperationException(
                    $"Service '{service}' ({setting}) does not exist in namespace '{@namespace}'.");
            }

            if (AddressOf(list.Items[0], port) is { } found)
            {
                return found;
            }

            await foreach (var e in client.WatchFromListAsync(KubeResources.Services, list, @namespace, new WatchOptions { FieldSelector = byName }, deadline.Token)
                               .ConfigureAwait(false))
            {
                if (AddressOf(e.Object, port) is { } address)
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
            $"Service '{service}' got no load-balancer ingress within {timeout.TotalSeconds:0} s" + (setting == "ZD_TARGET__SERVICE_NAME" ? "; set ZD_TARGET__BASE_URL to reach it another way." : "."));
    }

    private static Uri? AddressOf(V1Service service, int port)
    {
        var ingress = service.Status?.LoadBalancer?.Ingress?.FirstOrDefault();
        var host = ingress?.Ip ?? ingress?.Hostname;
        return string.IsNullOrEmpty(host) ? null : new Uri($"http://{host}:{port}/");
    }
}
