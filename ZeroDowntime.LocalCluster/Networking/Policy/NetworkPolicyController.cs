using System.Net;
using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;

namespace ZeroDowntime.LocalCluster.Networking.Policy;

/// <summary>
/// The network plugin's policy agent: watches NetworkPolicies, pods and namespaces and hands the
/// <see cref="NetworkPolicyEnforcer"/> a new <see cref="NetworkPolicySnapshot"/> after every change
/// (changes that arrive together are folded into one snapshot). A policy is in force as soon as the
/// store has it, without the endpoints' propagation delay.
/// </summary>
public sealed class NetworkPolicyController(NetworkPolicyEnforcer enforcer) : IClusterController
{
    private readonly SemaphoreSlim _changed = new(0);
    private long _version;

    /// <inheritdoc />
    public string Name => "network-policy";

    /// <inheritdoc />
    public async Task RunAsync(ClusterApi api, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(api);
        var policies = api.For("networking.k8s.io", "networkpolicies");
        var watches = new[] { policies, api.Pods, api.Namespaces }.Select(r => SignalOnChangesAsync(r, ct)).ToList();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await _changed.WaitAsync(ct).ConfigureAwait(false);
                while (_changed.CurrentCount > 0)
                {
                    await _changed.WaitAsync(ct).ConfigureAwait(false);
                }

                enforcer.Apply(Build(api, ++_version));
            }
        }
        finally
        {
            await Task.WhenAll(watches.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
        }
    }

    /// <summary>The snapshot of <paramref name="api"/>'s policies, pods and namespaces now.</summary>
    public static NetworkPolicySnapshot Build(ClusterApi api, long version)
    {
        ArgumentNullException.ThrowIfNull(api);
        var policies = api.For("networking.k8s.io", "networkpolicies").ListStored()
            .Select(s => CompiledNetworkPolicy.From(s.As<V1NetworkPolicy>())).ToList();
        if (policies.Count == 0)
        {
            return new NetworkPolicySnapshot(version, [], [], new Dictionary<string, IReadOnlyDictionary<string, string>>());
        }

        var pods = api.Pods.ListStored().Select(s => ToPolicyPod(s.As<V1Pod>())).ToList();
        var namespaces = api.Namespaces.ListStored().Select(s => s.As<V1Namespace>())
            .ToDictionary(n => n.Metadata.Name, n => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(n.Metadata.Labels ?? new Dictionary<string, string>()));
        return new NetworkPolicySnapshot(version, policies, pods, namespaces);
    }

    private static PolicyPod ToPolicyPod(V1Pod pod)
    {
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var port in (pod.Spec?.Containers ?? []).SelectMany(c => c.Ports ?? []).Where(p => p.Name is not null))
        {
            ports.TryAdd(port.Name, port.ContainerPort);
        }

        return new PolicyPod(
            pod.Metadata.NamespaceProperty ?? "default",
            pod.Metadata.Name,
            pod.Metadata.Uid ?? pod.Metadata.Name,
            new Dictionary<string, string>(pod.Metadata.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal),
            IPAddress.TryParse(pod.Status?.PodIP, out var ip) ? ip : null,
            ports);
    }

    private async Task SignalOnChangesAsync(ResourceClient resource, CancellationToken ct)
    {
        await foreach (var _ in resource.WatchAsync(ct: ct).ConfigureAwait(false))
        {
            _changed.Release();
        }
    }
}
