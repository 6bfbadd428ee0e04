using k8s;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.MockVllm.Connections;

namespace ZeroDowntime.Fixtures.Connections;

/// <summary>
/// Picks where the connection traffic runs, as <c>ZD_LOAD</c> picks the HTTP load: in the test process
/// (<c>builtin</c>; the default on the embedded cluster), through the connection Service's
/// load-balancer ingress; or as a Job next to the target (<c>k6</c>, the default on real clusters),
/// through the Service's cluster IP.
/// </summary>
public static class ConnectionTrafficFactory
{
    /// <summary>Creates the traffic <paramref name="settings"/> ask for; nothing connects before <see cref="IConnectionTraffic.StartAsync"/>.</summary>
    public static async Task<IConnectionTraffic> CreateAsync(ZeroDowntimeSettings settings, IKubernetes client, string @namespace, string runId,
        Action<string>? log = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var timing = settings.Timing.RollingUpgrade;
        var upgrade = settings.Target.Upgrade;
        if (LoadGeneratorFactory.Resolve(settings.LoadGenerator, settings.Cluster) == LoadGeneratorChoice.Builtin)
        {
            var address = await LoadBalancerAddress.ResolveServiceAsync(client, @namespace, upgrade.ConnectionService, upgrade.ConnectionPort,
                "ZD_TARGET__UPGRADE__CONNECTION_SERVICE", settings.Timing.ClusterReadyTimeout, ct).ConfigureAwait(false);
            return new BuiltInConnectionTraffic(new ConnectionTrafficOptions
            {
                Host = address.Host,
                Port = address.Port,
                Connections = timing.Connections,
                RatePerConnection = timing.ConnectionRate,
                ConnectTimeout = timing.ConnectTimeout,
                ReadDeadline = timing.ReadDeadline,
            });
        }

        return new ConnectionJobTraffic(client, new ConnectionJobOptions
        {
            RunId = runId,
            Namespace = @namespace,
            Image = upgrade.ClientImage,
            Service = upgrade.ConnectionService,
            Port = upgrade.ConnectionPort,
            Connections = timing.Connections,
            Rate = timing.ConnectionRate,
            ConnectTimeout = timing.ConnectTimeout,
            ReadDeadline = timing.ReadDeadline,
            JobDeadline = settings.Timing.Load.JobDeadline,
            Log = log,
        });
    }
}
