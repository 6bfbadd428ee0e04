using System.Globalization;
using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Nodes;

/// <summary>
/// The node heartbeat a kubelet keeps: a coordination.k8s.io/v1 Lease named after the node in
/// <c>kube-node-lease</c> (holder the node, 40 s duration, owned by the Node), renewed every
/// <see cref="RenewInterval"/> while the node exists.
/// </summary>
public static class NodeLeases
{
    /// <summary>The namespace of node leases.</summary>
    public const string Namespace = "kube-node-lease";

    /// <summary>How long a lease is valid, as the kubelet's default.</summary>
    public const int LeaseDurationSeconds = 40;

    /// <summary>How often leases are renewed (a quarter of the duration, as the kubelet).</summary>
    public static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(10);

    /// <summary>Creates or renews the lease of <paramref name="node"/>.</summary>
    public static void Renew(ClusterApi api, JsonObject node)
    {
        if (api.Resources.Find("coordination.k8s.io", "leases") is not { } leaseType)
        {
            return;
        }

        var leases = api.For(leaseType);
        var name = node.Name();
        var renewTime = MicroTime(api.Time.GetUtcNow());
        try
        {
            if (leases.TryGet(Namespace, name) is null)
            {
                leases.Create(new JsonObject
                {
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = name,
                        ["namespace"] = Namespace,
                        ["ownerReferences"] = new JsonArray(new JsonObject
                        {
                            ["apiVersion"] = "v1", ["kind"] = "Node", ["name"] = name, ["uid"] = node.Uid(),
                        }),
                    },
                    ["spec"] = new JsonObject
                    {
                        ["holderIdentity"] = name,
                        ["leaseDurationSeconds"] = LeaseDurationSeconds,
                        ["renewTime"] = renewTime,
                    },
                });
                return;
            }

            leases.Mutate(Namespace, name, lease => lease.Ensure("spec")["renewTime"] = renewTime);
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // The namespace is being deleted or another renewal raced this one: the next renewal catches up.
        }
    }

    /// <summary>Renews the lease of every node every <paramref name="interval"/> until <paramref name="ct"/> is cancelled.</summary>
    public static async Task RunAsync(ClusterApi api, TimeSpan interval, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(interval, api.Time, ct).ConfigureAwait(false);
            foreach (var node in api.Nodes.List())
            {
                Renew(api, node);
            }
        }
    }

    /// <summary>A metav1.MicroTime: RFC 3339 with microseconds.</summary>
    public static string MicroTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
