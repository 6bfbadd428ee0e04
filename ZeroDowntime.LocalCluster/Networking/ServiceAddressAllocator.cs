using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;

namespace ZeroDowntime.LocalCluster.Networking;

/// <summary>
/// Admission hook that gives every new Service a loopback cluster IP (127.20.0.0/16 by default)
/// where its proxy really listens, instead of an unreachable 10.96.x.y. A requested cluster IP
/// that is not loopback is replaced (nothing could reach it here); <c>None</c> (headless) stays.
/// </summary>
public sealed class ServiceAddressAllocator(LocalNetwork network) : IAdmissionHook
{
    /// <inheritdoc />
    public void Admit(AdmissionContext request)
    {
        if (request.Resource is not { Group: "", Kind: "Service" } || request.Subresource is not null)
        {
            return;
        }

        var spec = request.Object.Ensure("spec");
        var current = spec.GetString("clusterIP");
        if (spec.GetString("type") == "ExternalName" || current == "None")
        {
            return;
        }

        if (request.OldObject?.GetString("spec", "clusterIP") is { } old && IPAddress.TryParse(old, out var oldIp) && IPAddress.IsLoopback(oldIp))
        {
            // Cluster IPs are immutable: keep the one the Service already has.
            SetIp(spec, old);
            return;
        }

        if (current is not null && IPAddress.TryParse(current, out var requested) && IPAddress.IsLoopback(requested) && network.ClusterIps.Reserve(requested))
        {
            return;
        }

        var ports = (spec["ports"] as JsonArray ?? []).OfType<JsonObject>().Select(p => (int)(p.GetInt64("port") ?? 0));
        SetIp(spec, network.ClusterIps.Allocate(ports).ToString());
    }

    private static void SetIp(JsonObject spec, string ip)
    {
        spec["clusterIP"] = ip;
        spec["clusterIPs"] = new JsonArray(ip);
    }

    /// <summary>For logs: the pool's block.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"cluster IPs from 127.{network.ClusterIps.SecondOctet}.0.0/16");
}
