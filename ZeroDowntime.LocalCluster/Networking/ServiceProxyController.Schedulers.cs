using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;

namespace ZeroDowntime.LocalCluster.Networking;

// The Service's zerodowntime.io/lb-scheduler annotation, applied to its proxies.
public sealed partial class ServiceProxyController
{
    private static void UseScheduler(Dictionary<int, TcpServiceProxy> proxies, string scheduler)
    {
        foreach (var proxy in proxies.Values.Where(p => p.Scheduler.Name != scheduler))
        {
            ConnectionSchedulers.TryCreate(scheduler, out var chosen, out _);
            proxy.Scheduler = chosen;
        }
    }

    /// <summary>The scheduler the Service's annotation asks for; an unknown name is logged once and means <c>rr</c>.</summary>
    private async Task<string> SchedulerOfAsync(ServiceProxies state, JsonObject service)
    {
        var requested = service.GetString("metadata", "annotations", ConnectionSchedulers.Annotation);
        if (ConnectionSchedulers.TryCreate(requested, out var scheduler, out var error) || requested == state.RejectedScheduler)
        {
            return scheduler.Name;
        }

        state.RejectedScheduler = requested;
        await _log.WriteLineAsync($"service-proxy: service {service.Namespace()}/{service.Name()}: {error}").ConfigureAwait(false);
        return scheduler.Name;
    }
}
